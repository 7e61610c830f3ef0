package io.goldbackup.schedule;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.goldbackup.backup.BackupService;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.restore.RestoreService;
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Continuous recovery, on every replica, at start and every {@code gold-backup.schedule.recovery-interval}: backups
 * and restore runs marked {@code running} whose owner is gone are marked {@code failed}, and partitions an
 * interrupted delete left detached are put back. An owner is alive exactly while its database session holds the run's
 * advisory lock; PostgreSQL ends a dead client's session within seconds (see {@code ConnectionSettings}), so a run
 * whose instance was killed is recovered within about the check interval plus this interval. A run of a live instance
 * is never touched. Each recovery is an operation of its own, audited as {@code recovery.*} by the actor
 * {@code recovery}, so the audit trail says what happened to a run whose own event died with its instance.
 * <p>
 * Each query is cheap (the partial indexes on running rows, one catalog scan), so every replica may run it.
 */
@ApplicationScoped
class RunRecovery {

    private final BackupService backups;
    private final RestoreService restores;
    private final OperationRunner operations;

    RunRecovery(BackupService backups, RestoreService restores, OperationRunner operations) {
        this.backups = backups;
        this.restores = restores;
        this.operations = operations;
    }

    void onStart(@Observes StartupEvent event) {
        recover();
    }

    @Scheduled(identity = "run-recovery", every = "${gold-backup.schedule.recovery-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        recover();
    }

    /** One pass; a database that does not answer is tried again at the next. */
    void recover() {
        try {
            audit("recovery.backup-failed", "backup/", backups.failInterrupted());
            audit("recovery.restore-failed", "restore/", restores.failInterrupted());
            audit("recovery.partition-repaired", "backup/", backups.repairPartitions());
        } catch (RuntimeException e) {
            Log.debugf("Recovery could not run now: %s", e.getMessage());
        }
    }

    private void audit(String action, String targetPrefix, List<Long> ids) {
        for (long id : ids) {
            Log.warnf("Recovery: %s %s%d (its owner is gone)", action, targetPrefix, id);
            operations.run(Operation.of(Actor.RECOVERY, action, targetPrefix + id), () -> {
            });
        }
    }
}
