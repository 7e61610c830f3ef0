package io.goldbackup.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupConfig;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.backup.SnapshotScope;
import io.goldbackup.backup.SnapshotTaker;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Isolation;
import io.goldbackup.db.LockWaits;
import io.goldbackup.gamestate.LiveTablesRepository;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.restore.RestoreExceptions.PlanChangedException;
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;

/**
 * A real restore's one transaction: lock what it overwrites (and what an undo with {@code restoreDeleted} deletes),
 * put the wallets it changes in the run's table of changes and check the fingerprint (one pass, under the lock), wait for
 * the verdict of the backup's verification (which ran beside all that, {@link Verdict}), take the safety snapshot of exactly those (and those it deletes) and write those and only those step by step
 * (reporting progress from outside the transaction; re-created wallets recorded with the safety snapshot), delete
 * what an undo deletes, and complete the run; all committed together or not at all.
 */
@ApplicationScoped
class RestoreApplier {

    /** The fewest changing wallets for which a restore in one step reports its progress. */
    private static final long PROGRESS_FROM = 10_000;

    private final RestoreWriteRepository writes;
    private final RestorePlanRepository plans;
    private final RestoreRunRepository runs;
    private final SnapshotTaker snapshots;
    private final RestoreConfig config;
    private final LockWaits locks;
    private final ShutdownGuard shutdown;
    private final BackupConfig backupConfig;
    private final LiveTablesRepository liveTables;

    RestoreApplier(RestoreWriteRepository writes, RestorePlanRepository plans, RestoreRunRepository runs,
            SnapshotTaker snapshots, RestoreConfig config, LockWaits locks, ShutdownGuard shutdown,
            BackupConfig backupConfig, LiveTablesRepository liveTables) {
        this.backupConfig = backupConfig;
        this.liveTables = liveTables;
        this.writes = writes;
        this.plans = plans;
        this.runs = runs;
        this.snapshots = snapshots;
        this.config = config;
        this.locks = locks;
        this.shutdown = shutdown;
    }

    /**
     * Applies the restore on {@code session} (which holds the run's lock). The scope's locks are taken with a bounded
     * wait ({@link LockWaits}): a restore waiting for a game transaction never queues the game's writes for long.
     *
     * @param fingerprint the reviewed plan's fingerprint, or null to restore whatever the wallets hold now
     * @throws PlanChangedException when {@code fingerprint} no longer matches (nothing written)
     */
    void apply(DbSession session, RestoreScope requested, BackupSummary backup, Verdict verdict, List<String> targets,
            String fingerprint, Actor actor, Instant now, long started) {
        RestoreScope scope = requested.of(backup);
        String locked = scope.targeted()
                ? "the named wallets' rows in gold_mining and players"
                : "the tables gold_mining and players";
        locks.retry(locked, shutdown::continueUnlessStopping,
                () -> session.transaction(Isolation.READ_COMMITTED, false, () -> {
                    session.useCanonicalText();
                    long t0 = System.nanoTime();
                    session.useLockTimeout(locks.attemptTimeout());
                    writes.lockScope(session, scope);
                    session.useLockTimeout(Duration.ZERO);
                    // Totals, the live state behind the fingerprint and the table of changes in one pass, under the
                    // lock (its rows kept in memory for both: the snapshot's work memory).
                    session.useWorkMemory(backupConfig.workMem(), backupConfig.maintenanceWorkMem());
                    RestorePlanRepository.PlanTotals totals = writes.markChanges(session, scope, now);
                    long changing = totals.changing();
                    RecreatedWallets recreated = scope.safetySnapshot()
                            ? plans.recreated(session, scope, RestorePlanner.SAMPLE)
                            : RecreatedWallets.NONE;
                    String current = PlanFingerprint.of(backup.id(), backup.checksum(), targets, totals.liveState(),
                            scope.restoreDeleted(), scope.deletesRecreated() ? recreated.liveState() : null);
                    if (fingerprint != null && !fingerprint.equals(current)) {
                        throw new PlanChangedException();
                    }
                    long marked = System.nanoTime();
                    // Nothing is written before the backup's verification, which ran beside the reads, passes.
                    verdict.await();
                    long verified = System.nanoTime();
                    // Most of the wallets change: one statement per table over the whole tables, in address order,
                    // costs less than steps of index range scans; the steps are for the few.
                    boolean most = changing * 5 > backup.totalUsersBackedUp();
                    // Progress after each step where there are steps; in one step, after its mining rows. A restore of
                    // a few wallets in one step reports none: it is done in milliseconds, and each report is a
                    // transaction of its own (a tenth of a restore of 100 wallets).
                    boolean stepped = changing > config.chunkSize() && !most;
                    boolean reports = stepped || changing >= PROGRESS_FROM;
                    if (reports) {
                        runs.progress(scope.runId(), totals.inScope(), changing, 0);
                    }
                    long t1 = System.nanoTime();
                    // Where every live wallet changes (the disaster a full restore is for), the wallets it changes are
                    // all there are: the snapshot copies them as a backup does, without picking them one by one from
                    // the table of changes (1.3 s of 7 for a million).
                    SnapshotScope changed = most && liveTables.walletsNumber(session, changing)
                            ? SnapshotScope.all()
                            : SnapshotScope.changedBy(backup.id(), scope.changes(), scope.deletesRecreated(), most);
                    long safetyId = snapshots.snapshotInTransaction(session, BackupType.EMERGENCY,
                            "Emergency before restore #" + scope.runId(),
                            "Safety snapshot of the wallets restore run " + scope.runId() + " overwrites (from backup "
                                    + backup.id() + "). Restore this backup to undo that restore.",
                            actor, changed);
                    long t2 = System.nanoTime();
                    long written = 0;
                    long recreatedNow = 0;
                    String from = "";
                    List<String> bounds = new ArrayList<>(most
                            ? List.of()
                            : writes.chunkBounds(session, scope, config.chunkSize()));
                    bounds.add(null);
                    for (String to : bounds) {
                        shutdown.continueUnlessStopping();
                        RestoreWriteRepository.Written step = writes.restoreRange(session, scope, from, to, now,
                                safetyId, !most, stepped || !reports
                                        ? gold -> {
                                        }
                                        : gold -> runs.progress(scope.runId(), null, null, gold));
                        written += step.written();
                        recreatedNow += step.recreated();
                        if (stepped) {
                            runs.progress(scope.runId(), null, null, written);
                        }
                        from = to;
                    }
                    long deleted = scope.deletesRecreated() ? writes.deleteRecreated(session, scope) : 0;
                    writes.dropChanges(session, scope);
                    RestorePlan.Missing kept = recreated.kept(scope, RestorePlanner.SAMPLE);
                    List<String> warnings = recreated.warnings(scope);
                    warnings.forEach(w -> Log.warnf("Restore run %d: %s", scope.runId(), w));
                    runs.complete(session, scope.runId(),
                            new RunEnd("completed", elapsed(started), totals.inScope(), written,
                                    totals.changing(), totals.goldBefore(), totals.goldAfter(), safetyId, current,
                                    null, scope.restoreDeleted() ? recreatedNow : null,
                                    scope.safetySnapshot() ? deleted : null,
                                    scope.safetySnapshot() ? kept.count() : null, warnings));
                    long t3 = System.nanoTime();
                    Log.infof(
                            "Restore run %d: %,d wallets restored (%,d re-created, %,d deleted) from backup %d in "
                                    + "%,d ms (before the lock %,d ms, lock, fingerprint and changes %,d ms, then "
                                    + "waiting for the integrity check %,d ms, safety backup %d %,d ms, writes %,d ms)",
                            scope.runId(), written, recreatedNow, deleted,
                            backup.id(), elapsed(started), (t0 - started) / 1_000_000, (marked - t0) / 1_000_000,
                            (verified - marked) / 1_000_000, safetyId, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
                    return null;
                }));
    }

    static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
