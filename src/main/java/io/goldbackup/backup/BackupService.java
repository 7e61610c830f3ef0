package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.retention.RetentionPolicy;
import io.goldbackup.retention.StorageGuard;
import io.goldbackup.retention.StorageLimitException;
import io.goldbackup.security.Actor;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.ServiceStoppingException;
import io.goldbackup.web.ShutdownGuard;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Takes, reads, verifies and deletes backups. Owns the transactions: a backup is one REPEATABLE READ transaction
 * over a connection of its own, so every wallet is seen as of one instant, and nothing of it is visible until all
 * of it is written.
 */
@ApplicationScoped
public class BackupService {

    private static final TypeReference<List<BackupWarning>> WARNINGS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final BackupRepository backups;
    private final SnapshotRepository snapshots;
    private final RetentionPolicy retention;
    private final StorageGuard storage;
    private final BackupMetrics metrics;
    private final BackupConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ShutdownGuard shutdown;

    BackupService(AgroalDataSource dataSource, BackupRepository backups, SnapshotRepository snapshots,
            RetentionPolicy retention, StorageGuard storage, BackupMetrics metrics, BackupConfig config,
            ObjectMapper json, Clock clock, ShutdownGuard shutdown) {
        this.dataSource = dataSource;
        this.backups = backups;
        this.snapshots = snapshots;
        this.retention = retention;
        this.storage = storage;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    /**
     * Takes a backup of every live wallet and answers when it is completed. Progress is visible meanwhile as a
     * backup with status {@code running}. On any failure nothing of the snapshot remains and the backup is
     * recorded as {@code failed}.
     *
     * @throws DailyBackupExistsException when {@code type} is auto_daily and the UTC day already has one
     * @throws StorageLimitException when the backup would break a storage limit (recorded as failed)
     */
    public BackupSummary create(BackupType type, String requestedName, String notes, Actor actor) {
        Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var row = new BackupRepository.NewBackup(takenAt, BackupNaming.nameFor(type, requestedName, takenAt), type,
                actor.subject(), notes, config.systemVersion(), retention.expiresAt(type, takenAt));
        long started = System.nanoTime();
        if (shutdown.stopping()) {
            throw new ServiceStoppingException();
        }
        metrics.attempt(type);
        try {
            storage.checkCount();
        } catch (StorageLimitException e) {
            metrics.failure(type);
            throw e;
        }
        long id;
        try (Connection c = dataSource.getConnection()) {
            id = register(c, row);
            shutdown.backupStarted(id, c);
            try {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                takeSnapshot(c, id, takenAt, SnapshotScope.all(), started, true);
                c.commit();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            } catch (StorageLimitException e) {
                metrics.failure(type);
                rollbackQuietly(c);
                backups.markFailed(id, e.getMessage(), (System.nanoTime() - started) / 1_000_000);
                throw e;
            } catch (Exception e) {
                rollbackQuietly(c);
                long ms = (System.nanoTime() - started) / 1_000_000;
                Log.errorf(e, "Backup %d (%s) failed after %d ms", id, type.wire(), ms);
                metrics.failure(type);
                backups.markFailed(id, describe(e), ms);
                throw new BackupFailedException(id, describe(e));
            } finally {
                shutdown.backupFinished(id);
                unlock(c, id);
            }
        } catch (SQLException e) {
            metrics.failure(type);
            throw new IllegalStateException("a database connection for the backup failed", e);
        }
        metrics.success(type, java.time.Duration.ofNanos(System.nanoTime() - started));
        Log.infof("Backup %d (%s) completed in %d ms", id, type.wire(), (System.nanoTime() - started) / 1_000_000);
        return summary(id);
    }

    /**
     * Inserts the running row and takes the advisory lock that marks it as alive, in one transaction, so no
     * replica can see the row without the lock.
     */
    private long register(Connection c, BackupRepository.NewBackup row) throws SQLException {
        c.setAutoCommit(false);
        try {
            long id = backups.insertRunning(c, row);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                ps.setInt(1, SnapshotRepository.BACKUP_LOCK_NAMESPACE);
                ps.setInt(2, Math.toIntExact(id));
                ps.execute();
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            c.rollback();
            c.setAutoCommit(true);
            if ("23505".equals(e.getSQLState()) && row.type() == BackupType.AUTO_DAILY) {
                throw new DailyBackupExistsException(BackupNaming.autoDaily(row.takenAt()).substring(11));
            }
            throw e;
        }
    }

    /**
     * Takes a snapshot of the wallets in {@code scope} inside the caller's transaction on {@code c}, as a
     * completed backup that becomes visible when (and only if) the caller commits. A restore uses this for its
     * safety snapshot, so that the snapshot and the restore stand or fall together.
     *
     * @return the new backup's id
     */
    public long snapshotInTransaction(Connection c, BackupType type, String name, String notes, Actor actor,
            SnapshotScope scope) throws SQLException {
        Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        var row = new BackupRepository.NewBackup(takenAt, name, type, actor.subject(), notes, config.systemVersion(),
                retention.expiresAt(type, takenAt));
        long id = backups.insertRunning(c, row);
        takeSnapshot(c, id, takenAt, scope, started, false);
        return id;
    }

    /**
     * The snapshot steps: copy, constrain, index, check, checksum, attach, mark completed; no commit.
     *
     * @param enforceLimits whether the storage limit applies; a restore's safety snapshot is exempt, because
     *        refusing it would refuse the restore that an incident needs
     */
    private void takeSnapshot(Connection c, long id, Instant takenAt, SnapshotScope scope, long started,
            boolean enforceLimits) throws SQLException {
        snapshots.useWorkMemory(c, config.workMem(), config.maintenanceWorkMem());
        SnapshotRepository.useCanonicalSettings(c);
        Phases phases = new Phases();
        long wallets = snapshots.copyLiveWallets(c, id, takenAt, scope);
        phases.done("copy");
        continueUnlessStopping();
        snapshots.prepareForAttach(c, id);
        phases.done("key");
        continueUnlessStopping();
        List<BackupWarning> warnings = snapshots.warnings(c, id, takenAt);
        phases.done("warnings");
        continueUnlessStopping();
        SnapshotRepository.Checksum checksum = snapshots.checksum(c, id, false);
        phases.done("checksum");
        continueUnlessStopping();
        if (checksum.rows() != wallets) {
            throw new IllegalStateException("checksum covered " + checksum.rows() + " of " + wallets + " rows");
        }
        long size = snapshots.sizeBytes(c, id);
        if (enforceLimits) {
            storage.checkSize(size);
        }
        snapshots.attach(c, id);
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (!backups.markCompleted(c, id, wallets, ms, size, checksum.sha256(), toJson(warnings))) {
            throw new IllegalStateException("backup " + id + " was marked failed by recovery while it ran");
        }
        phases.done("attach");
        Log.infof("Backup %d: %,d wallets, %,d bytes; %s", id, wallets, size, phases);
    }

    /** Between steps: a stopping service ends the backup here (a cancel only reaches a running statement). */
    private void continueUnlessStopping() throws SQLException {
        if (shutdown.stopping()) {
            throw new SQLException("the service is stopping", "57014");
        }
    }

    /** Durations of a backup's steps, for the log: where the time of a slow backup went. */
    private static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void done(String phase) {
            long now = System.nanoTime();
            text.append(text.isEmpty() ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000)
                    .append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static void unlock(Connection c, long id) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, SnapshotRepository.BACKUP_LOCK_NAMESPACE);
                ps.setInt(2, Math.toIntExact(id));
                ps.execute();
            }
        } catch (SQLException e) {
            Log.warnf(e, "Releasing the lock of backup %d failed; it is released when the connection closes", id);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            Log.debug("rollback after a failed backup failed", e);
        }
    }

    /** A failure in words fit for the backup's record and the API: the database's own message, no class names. */
    private static String describe(Exception e) {
        if (e instanceof SQLException sql) {
            return "snapshot failed: " + sql.getMessage() + " (SQLSTATE " + sql.getSQLState() + ")";
        }
        return "snapshot failed: " + (e.getMessage() != null ? e.getMessage() : "see the service log");
    }

    /** Backups newest first. */
    public List<BackupSummary> list(int limit, Optional<BackupType> type, Optional<BackupStatus> status) {
        Instant now = clock.instant();
        // Panache reads in a transaction of their own: callers include scheduler threads with no request scope.
        return QuarkusTransaction.joiningExisting().call(() -> backups.list(limit, type, status)).stream()
                .map(b -> BackupSummary.of(b, warningsOf(b), now)).toList();
    }

    /**
     * One page of backups sorted by {@code sort}, optionally of one type and one status.
     *
     * @param pageIndex from 0
     */
    public BackupPage page(Optional<BackupType> type, Optional<BackupStatus> status, BackupSort sort,
            boolean ascending, int pageIndex, int size) {
        Instant now = clock.instant();
        BackupRepository.Paged paged = QuarkusTransaction.joiningExisting()
                .call(() -> backups.listPage(type, status, sort, ascending, pageIndex, size));
        return new BackupPage(paged.rows().stream().map(b -> BackupSummary.of(b, warningsOf(b), now)).toList(),
                pageIndex, size, paged.total());
    }

    /** One backup's summary. */
    public BackupSummary summary(long id) {
        Backup b = require(id);
        return BackupSummary.of(b, warningsOf(b), clock.instant());
    }

    /** One backup with totals, averages and top wallets over all its rows. */
    public BackupDetails details(long id) {
        BackupSummary summary = summary(id);
        BackupRepository.Aggregates a = backups.aggregates(id);
        return new BackupDetails(summary, a.wallets(), a.totalGold(), a.totalGoldPerHour(), a.totalMeks(),
                a.averageGold(), a.averageGoldPerHour(), a.topUsers());
    }

    /** A page of a backup's wallet rows after {@code after} in address order. */
    public List<BackupWallet> wallets(long id, String after, int limit) {
        // A cursor is a wallet address from the previous page: letters, digits and underscores, nothing else.
        if (after != null && !after.matches("[A-Za-z0-9_]+")) {
            throw new InvalidInputException("after", "must be the walletAddress of the last row of the previous page");
        }
        require(id);
        return backups.page(id, after == null ? "" : after, limit);
    }

    /** A wallet's rows across completed backups, newest first. */
    public List<WalletBackupEntry> history(String walletAddress, int limit) {
        return backups.history(walletAddress, limit);
    }

    /** Recomputes a completed backup's checksum from its rows and compares it with the recorded one. */
    public VerifyResult verify(long id) {
        Backup b = require(id);
        if (!BackupStatus.COMPLETED.wire().equals(b.status)) {
            throw new BackupNotCompletedException(id, b.status);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SnapshotRepository.useCanonicalSettings(c);
                SnapshotRepository.Checksum actual = snapshots.checksum(c, id, true);
                c.commit();
                return new VerifyResult(id, actual.sha256().equals(b.checksum), b.checksum, actual.sha256(),
                        actual.rows());
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("verifying backup " + id + " failed", e);
        }
    }

    /**
     * Deletes a backup: detaches its partition concurrently (readers of other backups do not wait), drops it, and
     * removes the row. A running backup is refused.
     */
    public void delete(long id) {
        Backup b = require(id);
        if (BackupStatus.RUNNING.wire().equals(b.status)) {
            throw new BackupRunningException(id);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            snapshots.detachConcurrently(c, id, snapshots.partitionState(c, id));
            c.setAutoCommit(false);
            try {
                snapshots.drop(c, id);
                backups.deleteRow(c, id);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting backup " + id + " failed", e);
        }
        Log.infof("Backup %d deleted", id);
    }

    /** Marks failed the backups a crash left running; called once at start. */
    public int failInterrupted() {
        return backups.failInterrupted();
    }

    Backup require(long id) {
        Backup b = QuarkusTransaction.joiningExisting().call(() -> backups.findById(id));
        if (b == null) {
            throw new BackupNotFoundException(id);
        }
        return b;
    }

    private List<BackupWarning> warningsOf(Backup b) {
        if (b.warnings == null || b.warnings.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(b.warnings, WARNINGS);
        } catch (JsonProcessingException e) {
            Log.warnf("Backup %d has unreadable warnings", b.id);
            return List.of();
        }
    }

    private String toJson(List<BackupWarning> warnings) {
        try {
            return json.writeValueAsString(warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
