package io.goldbackup.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.goldbackup.audit.AuditEntry;
import io.goldbackup.audit.AuditTrail;
import io.goldbackup.backup.BackupService;
import io.goldbackup.db.Unavailability;
import io.goldbackup.drill.DrillRecovery;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.restore.RestoreService;
import io.goldbackup.retention.CleanupService;
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Continuous recovery, on every replica, at start and every {@code gold-backup.schedule.recovery-interval}: backups,
 * restore runs, off-site copies and imports, and cleanup runs marked {@code running} whose owner is gone are marked
 * {@code failed}, and partitions an interrupted delete left detached are put back. An owner is alive exactly while its database session holds the run's
 * advisory lock; PostgreSQL ends a dead client's session within seconds (see {@code ConnectionSettings}), so a run
 * whose instance was killed is recovered within about the check interval plus this interval. A run of a live instance
 * is never touched. Each run recovered is audited as {@code recovery.*} by the actor {@code recovery}, so the audit
 * trail says what happened to a run whose own event died with its instance.
 * <p>
 * Each query is cheap (the partial indexes on running rows, one catalog scan), so every replica may run it.
 */
@ApplicationScoped
class RunRecovery {

    private final BackupService backups;
    private final RestoreService restores;
    private final AuditTrail audit;
    private final OffsiteService offsite;
    private final CleanupService cleanups;
    private final DrillRecovery drills;

    RunRecovery(BackupService backups, RestoreService restores, AuditTrail audit, OffsiteService offsite,
            CleanupService cleanups, DrillRecovery drills) {
        this.backups = backups;
        this.restores = restores;
        this.audit = audit;
        this.offsite = offsite;
        this.cleanups = cleanups;
        this.drills = drills;
    }

    void onStart(@Observes StartupEvent event) {
        recover();
    }

    @Scheduled(identity = "run-recovery", every = "${gold-backup.schedule.recovery-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        recover();
    }

    /** One pass; a step the database does not answer is tried again at the next. */
    void recover() {
        step("recovery.backup-failed", "backup/", backups::failInterrupted);
        step("recovery.restore-failed", "restore/", restores::failInterrupted);
        step("recovery.partition-repaired", "backup/", backups::repairPartitions);
        step("recovery.copy-failed", "copy/", offsite::failInterrupted);
        step("recovery.cleanup-failed", "cleanup/", cleanups::failInterrupted);
        step("recovery.import-failed", "import/", offsite::failInterruptedImports);
        step("recovery.drill-failed", "drill/", drills::failInterrupted);
        step("recovery.drill-scratch-dropped", "drill/", drills::dropLeftovers);
    }

    /** The backups only: what the daily job does before it decides whether its day is taken. */
    void recoverBackups() {
        step("recovery.backup-failed", "backup/", backups::failInterrupted);
    }

    /**
     * One step, audited per run it recovered. Recovery is not an operation someone asked for, so it writes its events
     * itself (no shutdown gate, and inside the daily job it must not be folded into the job's own event).
     */
    private void step(String action, String targetPrefix, Supplier<List<Long>> work) {
        List<Long> ids;
        try {
            ids = work.get();
        } catch (RuntimeException e) {
            if (Unavailability.isUnavailable(e)) {
                Log.debugf("Recovery (%s) could not reach the database: %s", action, e.getMessage());
            } else {
                Log.warnf(e, "Recovery (%s) failed", action);
            }
            return;
        }
        for (long id : ids) {
            Log.warnf("Recovery: %s %s%d (its owner is gone)", action, targetPrefix, id);
            audit.record(new AuditEntry(Actor.RECOVERY, action, targetPrefix + id, Map.of(), "succeeded", 0,
                    UUID.randomUUID().toString(), null, Instant.now()));
        }
    }
}
