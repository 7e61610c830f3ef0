package io.goldbackup.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupKeptCorruptException;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.RetentionConfig;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DatabaseException;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.DurableWrites;
import io.goldbackup.offsite.ExpiredCopy;
import io.goldbackup.offsite.OffsiteRetention;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.operation.Started;
import io.goldbackup.security.Actor;
import io.goldbackup.security.NotPermittedException;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.OperationInterruptedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Removes backups past their retention, or older than a given number of days: every status, failed ones included,
 * except running backups and the newest completed ones. Each goes by detaching and dropping its partition. One
 * cleanup runs at a time across all replicas (an advisory lock), and each is recorded in the cleanup log
 * ({@code cleanup_runs}) with its progress and report. A real cleanup on request needs backup-admin and the
 * confirmation code; the scheduled one applies the configured policy only.
 */
@ApplicationScoped
public class CleanupService {

    /** The confirmation code a real cleanup on request needs. */
    public static final String CONFIRMATION_CODE = "CLEANUP_GOLD_BACKUPS_CONFIRMED";

    private final OperationRunner operations;
    private final Database database;
    private final CleanupRepository repository;
    private final CleanupRunRepository runs;
    private final BackupService backups;
    private final RetentionConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final OffsiteRetention offsite;
    private final ShutdownGuard shutdown;
    private final DurableWrites durable;

    CleanupService(OperationRunner operations, Database database, CleanupRepository repository,
            CleanupRunRepository runs, BackupService backups, RetentionConfig config, MeterRegistry registry,
            Clock clock, OffsiteRetention offsite, ShutdownGuard shutdown, DurableWrites durable) {
        this.operations = operations;
        this.database = database;
        this.repository = repository;
        this.runs = runs;
        this.backups = backups;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.offsite = offsite;
        this.shutdown = shutdown;
        this.durable = durable;
    }

    /**
     * Lists (dry run) or deletes (backup-admin and {@value #CONFIRMATION_CODE}) what the policy removes.
     *
     * @param daysToKeep empty for the per-type retention fixed in each backup's expires_at
     * @param confirmationCode required for a real cleanup, ignored for a dry run
     * @throws CleanupInProgressException when another cleanup holds the lock
     * @throws InvalidInputException naming {@code confirmationCode} when a real cleanup lacks it
     */
    public CleanupReport cleanup(Optional<Integer> daysToKeep, boolean dryRun, String confirmationCode, Actor actor) {
        return operations.run(operation(daysToKeep, dryRun, actor), () -> {
            allow(dryRun, confirmationCode, actor);
            return begin(daysToKeep, dryRun, actor).run();
        });
    }

    /**
     * {@link #cleanup} in the background: answers the run's id once it is registered ({@code running}, the lock
     * held); the rules and another cleanup running (409) are answered from this call.
     */
    public long start(Optional<Integer> daysToKeep, boolean dryRun, String confirmationCode, Actor actor) {
        return operations.start(operation(daysToKeep, dryRun, actor), () -> {
            allow(dryRun, confirmationCode, actor);
            Turn turn = begin(daysToKeep, dryRun, actor);
            return new Started<>(turn.runId, turn::run);
        });
    }

    /**
     * Deletes what the configured retention says has expired: the weekly job's cleanup, no overrides. It needs no
     * confirmation code: no person asks for it, the schedule does.
     */
    public CleanupReport removeExpired(Actor actor) {
        return operations.run(operation(Optional.empty(), false, actor),
                () -> begin(Optional.empty(), false, actor).run());
    }

    /**
     * The first part of {@link #removeExpired} inside the caller's operation (the weekly job's): the run registered
     * with the lock held; the rest must run, once, on any thread.
     */
    public Started<Long> beginRemoveExpired(Actor actor) {
        Turn turn = begin(Optional.empty(), false, actor);
        return new Started<>(turn.runId, turn::run);
    }

    /** The cleanup log, newest first. */
    public List<CleanupRun> list(int limit) {
        return runs.newest(limit);
    }

    /** One cleanup run, with its report once completed. */
    public CleanupRun run(long id) {
        return runs.find(id).orElseThrow(() -> new CleanupRunNotFoundException(id));
    }

    /** Marks failed the runs whose instance is gone (the cleanup lock free); answers their ids. */
    public List<Long> failInterrupted() {
        return runs.failInterrupted();
    }

    private static Operation operation(Optional<Integer> daysToKeep, boolean dryRun, Actor actor) {
        return Operation.of(actor, dryRun ? "cleanup.dry-run" : "cleanup.apply", "backups", "daysToKeep",
                daysToKeep.orElse(null), "dryRun", dryRun);
    }

    /** The rules beyond the resource's role: a real cleanup needs backup-admin, then the confirmation code. */
    private static void allow(boolean dryRun, String confirmationCode, Actor actor) {
        if (!dryRun) {
            NotPermittedException.require(actor, Roles.ADMIN, "deleting backups");
            if (!CONFIRMATION_CODE.equals(confirmationCode)) {
                throw new InvalidInputException("confirmationCode",
                        "must be " + CONFIRMATION_CODE + " to delete backups");
            }
        }
    }

    /**
     * Takes the cleanup lock on a session of its own and registers the run.
     *
     * @throws CleanupInProgressException when another cleanup holds the lock
     */
    private Turn begin(Optional<Integer> daysToKeep, boolean dryRun, Actor actor) {
        Instant now = clock.instant();
        DbSession session = database.openForLock();
        try {
            if (!session.tryLock(AdvisoryLock.CLEANUP, 0)) {
                throw new CleanupInProgressException();
            }
            try {
                long runId = runs.insert(dryRun, daysToKeep.orElse(null), actor, now);
                return new Turn(session, runId, daysToKeep, dryRun, actor, now);
            } catch (RuntimeException e) {
                session.unlockQuietly(AdvisoryLock.CLEANUP, 0);
                throw e;
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A registered cleanup holding the lock: {@link #run()} does it, once, on this thread or another. */
    private final class Turn {

        private final DbSession session;
        private final long runId;
        private final Optional<Integer> daysToKeep;
        private final boolean dryRun;
        private final Actor actor;
        private final Instant now;

        Turn(DbSession session, long runId, Optional<Integer> daysToKeep, boolean dryRun, Actor actor, Instant now) {
            this.session = session;
            this.runId = runId;
            this.daysToKeep = daysToKeep;
            this.dryRun = dryRun;
            this.actor = actor;
            this.now = now;
        }

        /** Lists or deletes, records the report (or the failure), lets the lock go. */
        CleanupReport run() {
            long started = System.nanoTime();
            try (session) {
                try {
                    CleanupReport report = clean(this);
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    durable.write("recording cleanup run " + runId + " completed",
                            () -> runs.complete(runId, report, ms));
                    return report;
                } catch (RuntimeException e) {
                    throw failed(runId, started, e);
                } finally {
                    session.unlockQuietly(AdvisoryLock.CLEANUP, 0);
                }
            }
        }
    }

    private CleanupReport clean(Turn turn) {
        Instant cutoff = turn.daysToKeep.map(d -> turn.now.minus(Duration.ofDays(d))).orElse(turn.now);
        List<CleanupReport.Candidate> due = repository.candidates(turn.daysToKeep.isPresent(), cutoff,
                config.keepNewest(), turn.now);
        // A corrupt backup is evidence: no cleanup deletes it, whatever its age (an admin's DELETE can).
        List<CleanupReport.Candidate> keptCorrupt = new ArrayList<>(
                due.stream().filter(CleanupReport.Candidate::corrupt).toList());
        List<CleanupReport.Candidate> candidates = due.stream().filter(c -> !c.corrupt()).toList();
        runs.progress(turn.runId, candidates.size(), 0);
        List<CleanupReport.Candidate> gone = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        int done = 0;
        for (CleanupReport.Candidate candidate : candidates) {
            if (!turn.dryRun) {
                // Between two deletions, not inside one: each is whole or not done.
                shutdown.continueUnlessStopping();
                try {
                    backups.deleteForCleanup(candidate.id(), turn.actor);
                } catch (BackupKeptCorruptException e) {
                    // A verification marked it corrupt since it was selected: kept, like the others.
                    keptCorrupt.add(candidate.markedCorrupt());
                    runs.progress(turn.runId, null, ++done);
                    continue;
                }
                runs.progress(turn.runId, null, ++done);
            }
            gone.add(candidate);
            rows += candidate.walletRows();
            bytes += candidate.sizeBytes();
        }
        if (!turn.dryRun) {
            Counter.builder("gold.cleanup.deleted.backups").description("Backups deleted by cleanups")
                    .register(registry).increment(gone.size());
            Log.infof("Cleanup deleted %d backup(s), %,d wallet rows, %,d bytes", gone.size(), rows, bytes);
        }
        List<ExpiredCopy> expired = offsite.due();
        long offsiteGone = turn.dryRun
                ? expired.stream().filter(c -> c.retainedUntil() == null).count()
                : offsite.delete(expired);
        return new CleanupReport(turn.dryRun, turn.daysToKeep.isPresent() ? "older-than-days" : "retention",
                turn.daysToKeep.orElse(null), config.keepNewest(), turn.now, gone, gone.size(), rows, bytes, expired,
                offsiteGone, keptCorrupt);
    }

    /**
     * Records a failed run, durably (the failure may be the database), and answers the exception the caller sees:
     * 503 naming the stop when the instance is stopping, else the cause itself.
     */
    private RuntimeException failed(long runId, long started, RuntimeException cause) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        boolean stopping = shutdown.cancelling();
        String reason = cause instanceof DatabaseException db
                ? db.reason()
                : cause.getMessage() != null ? cause.getMessage() : "see the service log";
        durable.write("recording cleanup run " + runId + " failed", () -> runs.fail(runId,
                stopping ? "cancelled, the service is stopping: " + reason : reason, ms));
        if (stopping) {
            return new OperationInterruptedException("Cleanup run " + runId + " was stopped because this instance "
                    + "is stopping; the backups it deleted before are gone, the others are kept. Send the request "
                    + "again.");
        }
        return cause;
    }
}
