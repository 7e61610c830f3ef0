package io.goldbackup.restore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.backup.BackupNotCompletedException;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.backup.SnapshotRepository;
import io.goldbackup.backup.SnapshotScope;
import io.goldbackup.backup.VerifyResult;
import io.goldbackup.gamestate.StakeAddress;
import io.goldbackup.restore.RestoreExceptions.BackupTamperedException;
import io.goldbackup.restore.RestoreExceptions.PlanChangedException;
import io.goldbackup.restore.RestoreExceptions.RestoreFailedException;
import io.goldbackup.restore.RestoreExceptions.RestoreInProgressException;
import io.goldbackup.restore.RestoreExceptions.RestoreRunNotFoundException;
import io.goldbackup.security.Actor;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Plans and applies restores. A dry run computes exactly what a restore would change; a restore runs in one
 * transaction: a safety snapshot of the wallets it overwrites, then set-based writes, then its log entry, all
 * committed together or not at all.
 */
@ApplicationScoped
public class RestoreService {

    /** The seed's confirmation code, required for a real restore. */
    public static final String CONFIRMATION_CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";

    private static final int SAMPLE = 20;

    private final AgroalDataSource dataSource;
    private final RestoreRepository repository;
    private final BackupService backups;
    private final RestoreConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    RestoreService(AgroalDataSource dataSource, RestoreRepository repository, BackupService backups,
            RestoreConfig config, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.backups = backups;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /** Counts a run in {@code gold_restore_total{outcome, dry_run}}. */
    private void count(String outcome, boolean dryRun) {
        Counter.builder("gold.restore").description("Restores and dry runs, by outcome")
                .tag("outcome", outcome).tag("dry_run", String.valueOf(dryRun)).register(registry).increment();
    }

    /**
     * The named wallets, validated: every address a valid stake address, none twice, at most the configured
     * number; sorted. Null means all wallets of the backup.
     */
    List<String> validTargets(List<String> targetWallets) {
        if (targetWallets == null) {
            return null;
        }
        if (targetWallets.isEmpty()) {
            throw new InvalidInputException("targetWallets",
                    "must name at least one wallet; leave it out to restore every wallet of the backup");
        }
        if (targetWallets.size() > config.maxTargetWallets()) {
            throw new InvalidInputException("targetWallets", "must name at most " + config.maxTargetWallets()
                    + " wallets; restore every wallet of the backup for more");
        }
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targetWallets.size(); i++) {
            String address = targetWallets.get(i);
            String field = "targetWallets[" + i + "]";
            Optional<String> problem = StakeAddress.problem(address);
            if (problem.isPresent()) {
                violations.add(new Problem.Violation(field, problem.get()));
            } else if (!seen.add(address)) {
                violations.add(new Problem.Violation(field, "is listed twice"));
            }
            if (violations.size() >= 20) {
                break;
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return targetWallets.stream().sorted().toList();
    }

    /** A dry run: the plan of a restore, changing nothing but the restore log. */
    public RestorePlan plan(long backupId, List<String> targets, Actor actor) {
        BackupSummary backup = requireIntact(backupId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        long runId = register(backupId, true, targets, actor, now);
        RestoreRepository.Scope scope = new RestoreRepository.Scope(backupId, runId, targets != null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                SnapshotRepository.useCanonicalSettings(c);
                RestorePlan plan = plan(c, scope, backup, targets, now, runId);
                c.commit();
                repository.finishRun(null, runId, "completed", elapsed(started), plan.walletsInScope(), 0L,
                        plan.walletsToChange(), plan.totals().goldBefore(), plan.totals().goldAfter(), null,
                        plan.fingerprint(), null);
                count("completed", true);
                return plan;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failRun(runId, started, e);
            count("failed", true);
            throw new RestoreFailedException(runId, describe(e));
        }
    }

    private RestorePlan plan(Connection c, RestoreRepository.Scope scope, BackupSummary backup, List<String> targets,
            Instant now, long runId) throws SQLException {
        RestoreRepository.PlanTotals t = repository.totals(c, scope, now);
        RestoreRepository.Diffs diffs = repository.diffs(c, scope, now, config.diffLimit());
        long[] meks = repository.mekChanges(c, scope);
        double listedDelta = diffs.listed().stream().mapToDouble(WalletDiff::goldDelta).sum();
        double totalDelta = t.goldAfter() - t.goldBefore();
        return new RestorePlan(runId, backup, targets == null ? "all" : "targets",
                targets == null ? null : targets.size(), t.inScope(), t.changing(),
                targets == null ? List.of() : repository.targetsNotInBackup(c, scope),
                repository.backupWalletsNotLive(c, scope, SAMPLE),
                targets == null ? repository.liveWalletsOutsideBackup(c, scope.backupId(), SAMPLE) : null,
                new RestorePlan.Totals(t.goldBefore(), t.goldAfter(), totalDelta, t.rateBefore(), t.rateAfter(),
                        t.rateAfter() - t.rateBefore()),
                diffs.listed(),
                new RestorePlan.Rest(t.changing() - diffs.listed().size(), totalDelta - listedDelta),
                new RestorePlan.MekVerification(meks[0], meks[1]),
                fingerprint(backup, targets, t.liveState()), now);
    }

    /**
     * Restores: refuses a tampered backup, registers the run (refused with 409 while another runs), then in one
     * transaction locks the wallets in scope, checks the fingerprint when one was given, takes the safety snapshot,
     * writes the wallets step by step (reporting progress), and records the run.
     */
    public RestoreRun restore(long backupId, List<String> targets, String fingerprint, Actor actor) {
        BackupSummary backup = requireIntact(backupId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        long runId = register(backupId, false, targets, actor, now);
        RestoreRepository.Scope scope = new RestoreRepository.Scope(backupId, runId, targets != null);
        try (Connection c = dataSource.getConnection()) {
            lock(c, runId, true);
            try {
                apply(c, scope, backup, targets, fingerprint, actor, now, started);
            } catch (PlanChangedException e) {
                c.rollback();
                repository.finishRun(null, runId, "refused", elapsed(started), null, 0L, null, null, null, null,
                        null, "the wallets changed since the dry run whose fingerprint was given");
                count("refused", false);
                throw e;
            } catch (Exception e) {
                c.rollback();
                failRun(runId, started, e);
                count("failed", false);
                throw new RestoreFailedException(runId, describe(e));
            } finally {
                c.setAutoCommit(true);
                lock(c, runId, false);
            }
        } catch (SQLException e) {
            failRun(runId, started, e);
            count("failed", false);
            throw new RestoreFailedException(runId, describe(e));
        }
        count("completed", false);
        return run(runId);
    }

    private void apply(Connection c, RestoreRepository.Scope scope, BackupSummary backup, List<String> targets,
            String fingerprint, Actor actor, Instant now, long started) throws SQLException {
        c.setAutoCommit(false);
        SnapshotRepository.useCanonicalSettings(c);
        long t0 = System.nanoTime();
        repository.lockScope(c, scope);
        // Totals and the live state behind the fingerprint in one pass, under the lock.
        RestoreRepository.PlanTotals totals = repository.totals(c, scope, now);
        String current = fingerprint(backup, targets, totals.liveState());
        if (fingerprint != null && !fingerprint.equals(current)) {
            throw new PlanChangedException();
        }
        repository.progress(scope.runId(), totals.inScope(), 0);
        long t1 = System.nanoTime();
        long safetyId = backups.snapshotInTransaction(c, BackupType.EMERGENCY,
                "Emergency before restore #" + scope.runId(),
                "Safety snapshot of the wallets restore run " + scope.runId() + " overwrites (from backup "
                        + backup.id() + "). Restore this backup to undo that restore.",
                actor, SnapshotScope.walletsOf(backup.id(), Optional.ofNullable(targets).map(t -> scope.runId())));
        long t2 = System.nanoTime();
        long written = 0;
        String from = "";
        List<String> bounds = new ArrayList<>(repository.chunkBounds(c, scope, config.chunkSize()));
        bounds.add(null);
        for (String to : bounds) {
            written += repository.restoreRange(c, scope, from, to, now);
            repository.progress(scope.runId(), null, written);
            from = to;
        }
        repository.finishRun(c, scope.runId(), "completed", elapsed(started), totals.inScope(), written,
                totals.changing(), totals.goldBefore(), totals.goldAfter(), safetyId, current, null);
        c.commit();
        long t3 = System.nanoTime();
        Log.infof("Restore run %d: %,d wallets restored from backup %d in %,d ms (integrity check %,d ms, lock and "
                + "fingerprint %,d ms, safety backup %d %,d ms, writes %,d ms)", scope.runId(), written, backup.id(),
                elapsed(started), (t0 - started) / 1_000_000, (t1 - t0) / 1_000_000, safetyId,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /** The restore log, newest first. */
    public List<RestoreRun> list(int limit) {
        return repository.list(limit);
    }

    /** One run, with its named wallets. */
    public RestoreRun run(long id) {
        return repository.find(id).orElseThrow(() -> new RestoreRunNotFoundException(id));
    }

    /** Marks failed the real restores a crash left running. */
    public int failInterrupted() {
        return repository.failInterrupted();
    }

    /** Share of real restores that completed. */
    public Double successRate() {
        return repository.successRate();
    }

    /** The backup, completed and with rows that still match its checksum; otherwise 404 or 409. */
    private BackupSummary requireIntact(long backupId) {
        BackupSummary backup = backups.summary(backupId);
        if (backup.status() != BackupStatus.COMPLETED) {
            throw new BackupNotCompletedException(backupId, backup.status().wire());
        }
        VerifyResult verify = backups.verify(backupId);
        if (!verify.ok()) {
            throw new BackupTamperedException(backupId, verify.expectedChecksum(), verify.actualChecksum());
        }
        return backup;
    }

    private long register(long backupId, boolean dryRun, List<String> targets, Actor actor, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id = repository.insertRun(c, backupId, dryRun, actor.subject(), actor.name(), targets, now);
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    throw new RestoreInProgressException();
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registering the restore failed", e);
        }
    }

    /** Takes or releases the advisory lock that marks a run as alive for crash recovery. */
    private static void lock(Connection c, long runId, boolean take) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                take ? "SELECT pg_advisory_lock(?, ?)" : "SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, RestoreRepository.RESTORE_LOCK_NAMESPACE);
            ps.setInt(2, Math.toIntExact(runId));
            ps.execute();
        }
    }

    private void failRun(long runId, long started, Exception cause) {
        Log.errorf(cause, "Restore run %d failed", runId);
        try {
            repository.finishRun(null, runId, "failed", elapsed(started), null, 0L, null, null, null, null, null,
                    describe(cause));
        } catch (SQLException e) {
            Log.errorf(e, "Recording the failure of restore run %d failed", runId);
        }
    }

    /**
     * The plan's fingerprint: the backup, its checksum, the scope and the live state of every wallet in scope. Two
     * plans agree on it exactly when a restore would read and overwrite the same values.
     */
    private static String fingerprint(BackupSummary backup, List<String> targets, String state) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("v1|" + backup.id() + "|" + backup.checksum() + "|").getBytes(StandardCharsets.UTF_8));
            if (targets == null) {
                sha.update("all".getBytes(StandardCharsets.UTF_8));
            } else {
                for (String t : targets) {
                    sha.update((t + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            sha.update(("|" + state).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String describe(Exception e) {
        if (e instanceof SQLException sql) {
            return sql.getMessage() + " (SQLSTATE " + sql.getSQLState() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : "see the service log";
    }
}
