package io.goldbackup.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DatabaseException;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.DurableWrites;
import io.goldbackup.db.Isolation;
import io.goldbackup.db.LockWaits;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.security.Actor;
import io.goldbackup.web.OperationInterruptedException;
import io.goldbackup.web.ServiceStoppingException;
import io.quarkus.logging.Log;

/**
 * The snapshot write path. A backup is one REPEATABLE READ transaction on a session of its own, so every wallet is
 * seen as of one instant and nothing of it is visible until all of it is written: register the running row with the
 * lock that marks it alive, copy, constrain, index, check, checksum, attach, mark completed, commit. On any failure
 * nothing of the snapshot remains and the row is marked {@code failed}.
 */
@ApplicationScoped
public class SnapshotTaker {

    private final Database database;
    private final BackupLifecycleRepository lifecycle;
    private final BackupRepository backups;
    private final SnapshotRepository snapshots;
    private final RetentionPolicy retention;
    private final StorageGuard storage;
    private final BackupMetrics metrics;
    private final BackupConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ShutdownGuard shutdown;
    private final LockWaits locks;
    private final DurableWrites durable;
    private final BackupVerifier seals;
    private final BackupRangeRepository ranges;
    private final BackupWarningRepository backupWarnings;

    SnapshotTaker(Database database, BackupLifecycleRepository lifecycle, BackupRepository backups,
            SnapshotRepository snapshots, RetentionPolicy retention, StorageGuard storage, BackupMetrics metrics,
            BackupConfig config, ObjectMapper json, Clock clock, ShutdownGuard shutdown, LockWaits locks,
            DurableWrites durable, BackupVerifier seals, BackupRangeRepository ranges,
            BackupWarningRepository backupWarnings) {
        this.backupWarnings = backupWarnings;
        this.database = database;
        this.lifecycle = lifecycle;
        this.backups = backups;
        this.snapshots = snapshots;
        this.retention = retention;
        this.storage = storage;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.shutdown = shutdown;
        this.locks = locks;
        this.durable = durable;
        this.seals = seals;
        this.ranges = ranges;
    }

    /**
     * The first part of a backup: the refusals decided up front (a stopping instance, the count limit, a second
     * auto_daily the same UTC day), then the row registered as {@code running} with the lock that marks it alive, on a
     * session of its own that {@link Registered#take()} goes on with, on this thread or another. A backup is
     * {@code register(...).take()}.
     *
     * @throws DailyBackupExistsException when {@code type} is auto_daily and the UTC day already has one
     * @throws StorageLimitException when the backup would break the count limit
     */
    Registered register(BackupType type, String requestedName, String notes, Actor actor) {
        Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var row = new BackupLifecycleRepository.NewBackup(takenAt, BackupNaming.nameFor(type, requestedName, takenAt),
                type, actor.subject(), notes, config.systemVersion(), retention.expiresAt(type, takenAt),
                BackupPurpose.BACKUP);
        long started = System.nanoTime();
        shutdown.continueUnlessStopping();
        metrics.attempt(type);
        try {
            storage.checkCount();
        } catch (StorageLimitException e) {
            metrics.failure(type);
            throw e;
        }
        DbSession session = database.open();
        try {
            return new Registered(session, register(session, row), type, takenAt, started);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A backup registered as running, its lock held by its session, not yet taken. */
    final class Registered {

        private final DbSession session;
        private final long id;
        private final BackupType type;
        private final Instant takenAt;
        private final long started;

        private Registered(DbSession session, long id, BackupType type, Instant takenAt, long started) {
            this.session = session;
            this.id = id;
            this.type = type;
            this.takenAt = takenAt;
            this.started = started;
        }

        /** The backup's id. */
        long id() {
            return id;
        }

        /**
         * Takes the snapshot, marks the backup completed (or failed, with nothing of it left) and lets its session
         * go; answers its id. Once.
         *
         * @throws StorageLimitException when the backup would break the size limit (recorded as failed)
         * @throws BackupFailedException when the snapshot failed (recorded as failed)
         */
        long take() {
            String name = "backup " + id;
            try (session) {
                try {
                    shutdown.cancelOnStop(name, session);
                    locks.retry("the tables " + SnapshotRepository.LIVE_TABLES, shutdown::continueUnlessStopping,
                            () -> session.transaction(
                                    Isolation.REPEATABLE_READ, false, () -> {
                                        session.useLockTimeout(locks.attemptTimeout());
                                        snapshots.lockLiveTables(session);
                                        session.useLockTimeout(Duration.ZERO);
                                        return snapshot(session, id, takenAt, SnapshotScope.all(), started, true);
                                    }));
                } catch (StorageLimitException e) {
                    metrics.failure(type);
                    markFailed(id, e.getMessage(), elapsed(started));
                    throw e;
                } catch (RuntimeException e) {
                    long ms = elapsed(started);
                    Log.errorf(e, "Backup %d (%s) failed after %d ms", id, type.wire(), ms);
                    metrics.failure(type);
                    markFailed(id, describe(e), ms);
                    if (shutdown.cancelling()) {
                        throw new OperationInterruptedException("Backup " + id + " was cancelled because this "
                                + "instance is stopping; it is recorded as failed and nothing of it remains. Send the "
                                + "request again.");
                    }
                    throw new BackupFailedException(id, describe(e));
                } finally {
                    shutdown.noLongerCancellable(name);
                    session.unlockQuietly(AdvisoryLock.BACKUP, id);
                }
            }
            metrics.success(type, Duration.ofNanos(System.nanoTime() - started));
            Log.infof("Backup %d (%s) completed in %d ms", id, type.wire(), elapsed(started));
            return id;
        }
    }

    /** Marks the backup failed, keeping the write until the database takes it (the failure may be the database). */
    private void markFailed(long id, String reason, long ms) {
        durable.write("marking backup " + id + " failed", () -> backups.markFailed(id, reason, ms));
    }

    /**
     * Inserts the running row and takes the advisory lock that marks it as alive, in one transaction, so no
     * replica can see the row without the lock.
     */
    private long register(DbSession session, BackupLifecycleRepository.NewBackup row) {
        try {
            return session.transaction(() -> {
                long id = lifecycle.insertRunning(session, row);
                session.lock(AdvisoryLock.BACKUP, id);
                return id;
            });
        } catch (DatabaseException e) {
            if (e.uniqueViolation() && row.type() == BackupType.AUTO_DAILY) {
                throw new DailyBackupExistsException(BackupNaming.autoDaily(row.takenAt()).substring(11));
            }
            throw e;
        }
    }

    /**
     * Takes a snapshot of the wallets in {@code scope} inside the caller's transaction on {@code session}, as a
     * completed backup that becomes visible when (and only if) the caller commits. A restore uses this for its
     * safety snapshot, so that the snapshot and the restore stand or fall together: a backup of purpose
     * {@code restore_safety}, which never counts as a backup for the indicators. Exempt from the storage limit: refusing
     * it would refuse the restore that an incident needs.
     *
     * @return the new backup's id
     */
    public long snapshotInTransaction(DbSession session, BackupType type, String name, String notes, Actor actor,
            SnapshotScope scope) {
        Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        var row = new BackupLifecycleRepository.NewBackup(takenAt, name, type, actor.subject(), notes,
                config.systemVersion(), retention.expiresAt(type, takenAt), BackupPurpose.RESTORE_SAFETY);
        long id = lifecycle.insertRunning(session, row);
        snapshot(session, id, takenAt, scope, started, false);
        return id;
    }

    /**
     * The snapshot steps: copy, constrain, index, check, checksum (and its ranges), attach, mark completed, seal; no
     * commit.
     */
    private Void snapshot(DbSession session, long id, Instant takenAt, SnapshotScope scope, long started,
            boolean enforceLimits) {
        session.useWorkMemory(config.workMem(), config.maintenanceWorkMem());
        session.useCanonicalText();
        Phases phases = new Phases();
        long wallets = snapshots.copyLiveWallets(session, id, takenAt, scope);
        phases.done("copy");
        shutdown.continueUnlessStopping();
        snapshots.prepareForAttach(session, id);
        phases.done("key");
        shutdown.continueUnlessStopping();
        List<BackupWarning> warnings = backupWarnings.warnings(session, id, takenAt);
        phases.done("warnings");
        shutdown.continueUnlessStopping();
        RowDigest.Result checksum = snapshots.checksum(session, id, false, SnapshotRepository.SNAPSHOT_VERSION);
        phases.done("checksum");
        shutdown.continueUnlessStopping();
        if (checksum.rows() != wallets) {
            throw new IllegalStateException("checksum covered " + checksum.rows() + " of " + wallets + " rows");
        }
        long size = snapshots.sizeBytes(session, id);
        if (enforceLimits) {
            storage.checkSize(size);
        }
        snapshots.attach(session, id);
        ranges.save(session, id, checksum.ranges());
        var done = new BackupLifecycleRepository.Completion(wallets, elapsed(started), size, checksum.sha256(),
                toJson(warnings));
        if (!lifecycle.markCompleted(session, id, done)) {
            throw new IllegalStateException("backup " + id + " was marked failed by recovery while it ran");
        }
        // In the same transaction: no completed backup is ever visible without its seal.
        seals.seal(session, id);
        phases.done("attach");
        Log.infof("Backup %d: %,d wallets, %,d bytes; %s", id, wallets, size, phases);
        return null;
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

    /** A failure in words fit for the backup's record and the API: the database's own message, no class names. */
    private static String describe(RuntimeException e) {
        if (e instanceof DatabaseException db) {
            return "snapshot failed: " + db.reason();
        }
        if (e instanceof LockWaits.LockWaitExceededException) {
            return "snapshot failed: " + e.getMessage();
        }
        if (e instanceof ServiceStoppingException) {
            // Between two steps: as if the stop's cancel had reached a statement.
            return "snapshot failed: cancelled, the service is stopping (SQLSTATE 57014)";
        }
        return "snapshot failed: " + (e.getMessage() != null ? e.getMessage() : "see the service log");
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private String toJson(List<BackupWarning> warnings) {
        try {
            return json.writeValueAsString(warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
