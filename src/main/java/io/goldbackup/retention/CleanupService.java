package io.goldbackup.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.RetentionConfig;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.offsite.ExpiredCopy;
import io.goldbackup.offsite.OffsiteRetention;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.security.Actor;
import io.goldbackup.security.NotPermittedException;
import io.goldbackup.security.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Removes backups past their retention, or older than a given number of days: every status, failed ones included,
 * except running backups and the newest completed ones. Each goes by detaching and dropping its partition. One
 * cleanup runs at a time across all replicas (an advisory lock). A real cleanup on request needs backup-admin; the
 * scheduled one applies the configured policy only.
 */
@ApplicationScoped
public class CleanupService {

    private final OperationRunner operations;
    private final Database database;
    private final CleanupRepository repository;
    private final BackupService backups;
    private final RetentionConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final OffsiteRetention offsite;

    CleanupService(OperationRunner operations, Database database, CleanupRepository repository,
            BackupService backups, RetentionConfig config, MeterRegistry registry, Clock clock,
            OffsiteRetention offsite) {
        this.operations = operations;
        this.database = database;
        this.repository = repository;
        this.backups = backups;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.offsite = offsite;
    }

    /**
     * Lists (dry run) or deletes (backup-admin) what the policy removes.
     *
     * @param daysToKeep empty for the per-type retention fixed in each backup's expires_at
     * @throws CleanupInProgressException when another cleanup holds the lock
     */
    public CleanupReport cleanup(Optional<Integer> daysToKeep, boolean dryRun, Actor actor) {
        Operation operation = Operation.of(actor, dryRun ? "cleanup.dry-run" : "cleanup.apply", "backups",
                "daysToKeep", daysToKeep.orElse(null), "dryRun", dryRun);
        return operations.run(operation, () -> {
            if (!dryRun) {
                NotPermittedException.require(actor, Roles.ADMIN, "deleting backups");
            }
            return clean(daysToKeep, dryRun, actor);
        });
    }

    /** Deletes what the configured retention says has expired: the weekly job's cleanup, no overrides. */
    public CleanupReport removeExpired(Actor actor) {
        return operations.run(Operation.of(actor, "cleanup.apply", "backups", "daysToKeep", null, "dryRun", false),
                () -> clean(Optional.empty(), false, actor));
    }

    private CleanupReport clean(Optional<Integer> daysToKeep, boolean dryRun, Actor actor) {
        Instant now = clock.instant();
        try (DbSession session = database.openForLock()) {
            if (!session.tryLock(AdvisoryLock.CLEANUP, 0)) {
                throw new CleanupInProgressException();
            }
            try {
                Instant cutoff = daysToKeep.map(d -> now.minus(Duration.ofDays(d))).orElse(now);
                List<CleanupReport.Candidate> due = repository.candidates(daysToKeep.isPresent(), cutoff,
                        config.keepNewest(), now);
                // A corrupt backup is evidence: no cleanup deletes it, whatever its age (an admin's DELETE can).
                List<CleanupReport.Candidate> keptCorrupt = due.stream().filter(CleanupReport.Candidate::corrupt)
                        .toList();
                List<CleanupReport.Candidate> candidates = due.stream().filter(c -> !c.corrupt()).toList();
                long rows = 0;
                long bytes = 0;
                for (CleanupReport.Candidate candidate : candidates) {
                    if (!dryRun) {
                        backups.delete(candidate.id(), actor);
                    }
                    rows += candidate.walletRows();
                    bytes += candidate.sizeBytes();
                }
                if (!dryRun) {
                    Counter.builder("gold.cleanup.deleted.backups").description("Backups deleted by cleanups")
                            .register(registry).increment(candidates.size());
                    Log.infof("Cleanup deleted %d backup(s), %,d wallet rows, %,d bytes", candidates.size(), rows,
                            bytes);
                }
                List<ExpiredCopy> expired = offsite.due();
                long offsiteGone = dryRun
                        ? expired.stream().filter(c -> c.retainedUntil() == null).count()
                        : offsite.delete(expired);
                return new CleanupReport(dryRun, daysToKeep.isPresent() ? "older-than-days" : "retention",
                        daysToKeep.orElse(null), config.keepNewest(), now, candidates, candidates.size(), rows, bytes,
                        expired, offsiteGone, keptCorrupt);
            } finally {
                session.unlockQuietly(AdvisoryLock.CLEANUP, 0);
            }
        }
    }
}
