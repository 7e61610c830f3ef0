package io.goldbackup.restore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupNotCompletedException;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.VerifyResult;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DatabaseException;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.DurableWrites;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.restore.RestoreExceptions.BackupCorruptException;
import io.goldbackup.restore.RestoreExceptions.BackupTamperedException;
import io.goldbackup.restore.RestoreExceptions.PlanChangedException;
import io.goldbackup.restore.RestoreExceptions.RestoreFailedException;
import io.goldbackup.restore.RestoreExceptions.RestoreInProgressException;
import io.goldbackup.restore.RestoreExceptions.RestoreRunNotFoundException;
import io.goldbackup.security.Actor;
import io.goldbackup.security.NotPermittedException;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.OperationInterruptedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Restores and their dry runs, with their rules: valid targets, backup-admin and the confirmation code for a real
 * restore, an intact backup, one real restore at a time. Each runs through the {@link OperationRunner}, whoever
 * calls it; every run is logged in the restore log.
 */
@ApplicationScoped
public class RestoreService {

    /** The seed's confirmation code, required for a real restore. */
    public static final String CONFIRMATION_CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";

    private final OperationRunner operations;
    private final Database database;
    private final RestoreRunRepository runs;
    private final RestorePlanner planner;
    private final RestoreApplier applier;
    private final BackupQueries backups;
    private final BackupService backupService;
    private final RestoreConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ShutdownGuard shutdown;
    private final DurableWrites durable;

    RestoreService(OperationRunner operations, Database database, RestoreRunRepository runs, RestorePlanner planner,
            RestoreApplier applier, BackupQueries backups, BackupService backupService, RestoreConfig config,
            MeterRegistry registry, Clock clock, ShutdownGuard shutdown, DurableWrites durable) {
        this.operations = operations;
        this.database = database;
        this.runs = runs;
        this.planner = planner;
        this.applier = applier;
        this.backups = backups;
        this.backupService = backupService;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.shutdown = shutdown;
        this.durable = durable;
    }

    /**
     * A dry run ({@code dryRun} true, any operator) answers the plan, changing nothing but the restore log; a
     * restore (backup-admin and the confirmation code) answers the completed run.
     *
     * @return a {@link RestorePlan} or a {@link RestoreRun}
     */
    public Object run(RestoreRequest request, Actor actor) {
        return request.dryRun() ? plan(request, actor) : restore(request, actor);
    }

    /** A dry run: the plan of a restore, changing nothing but the restore log. */
    public RestorePlan plan(RestoreRequest request, Actor actor) {
        return operations.run(operation("restore.dry-run", request, actor), () -> {
            List<String> targets = RestoreTargets.validate(request.targetWallets(), config.maxTargetWallets());
            BackupSummary backup = requireRestorable(request, actor);
            return inRun(request.backupId(), true, targets, actor, (session, runId, started, now) -> {
                RestorePlan plan = planner.plan(session,
                        new RestoreScope(backup.id(), runId, targets != null, request.recreates()),
                        backup, targets, now);
                runs.finish(runId, new RunEnd("completed", RestoreApplier.elapsed(started), plan.walletsInScope(),
                        0L, plan.walletsToChange(), plan.totals().goldBefore(), plan.totals().goldAfter(), null,
                        plan.fingerprint(), null));
                count("completed", true);
                return plan;
            });
        });
    }

    /**
     * Restores: refuses a tampered backup, registers the run (refused with 409 while another runs), then applies it
     * in one transaction ({@link RestoreApplier}).
     */
    public RestoreRun restore(RestoreRequest request, Actor actor) {
        return operations.run(operation("restore.apply", request, actor), () -> {
            List<String> targets = RestoreTargets.validate(request.targetWallets(), config.maxTargetWallets());
            NotPermittedException.require(actor, Roles.ADMIN, "a real restore");
            if (!CONFIRMATION_CODE.equals(request.confirmationCode())) {
                throw new InvalidInputException("confirmationCode", "must be " + CONFIRMATION_CODE + " to restore");
            }
            BackupSummary backup = requireRestorable(request, actor);
            return inRun(request.backupId(), false, targets, actor, (session, runId, started, now) -> {
                try {
                    applier.apply(session, new RestoreScope(backup.id(), runId, targets != null, request.recreates()),
                            backup, targets,
                            request.fingerprint(), actor, now, started);
                } catch (PlanChangedException e) {
                    durable.write("recording restore run " + runId + " refused", () -> runs.finish(runId,
                            RunEnd.refused(RestoreApplier.elapsed(started),
                                    "the wallets changed since the dry run whose fingerprint was given")));
                    count("refused", false);
                    throw e;
                }
                count("completed", false);
                return run(runId);
            });
        });
    }

    /** The work of a registered run, on the run's own session. */
    @FunctionalInterface
    private interface RunWork<T> {
        T run(DbSession session, long runId, long started, Instant now);
    }

    /**
     * Registers a run on a session of its own, holding the run's lock (so recovery on any replica can tell it from an
     * orphan) and letting a stop cancel its statements; runs {@code work}; records a failure durably and answers it
     * (503 naming the stop when the instance is stopping).
     */
    private <T> T inRun(long backupId, boolean dryRun, List<String> targets, Actor actor, RunWork<T> work) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        try (DbSession session = database.open()) {
            long runId = register(session, backupId, dryRun, targets, actor, now);
            String name = (dryRun ? "dry run " : "restore run ") + runId;
            shutdown.cancelOnStop(name, session);
            try {
                return work.run(session, runId, started, now);
            } catch (PlanChangedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failed(runId, started, e, dryRun);
            } finally {
                shutdown.noLongerCancellable(name);
                session.unlockQuietly(AdvisoryLock.RESTORE, runId);
            }
        }
    }

    /** The restore log, newest first. */
    public List<RestoreRun> list(int limit) {
        return runs.newest(limit);
    }

    /** One run, with its named wallets. */
    public RestoreRun run(long id) {
        return runs.find(id).orElseThrow(() -> new RestoreRunNotFoundException(id));
    }

    /** Marks failed the runs whose session is gone (an instance killed, a session lost); answers their ids. */
    public List<Long> failInterrupted() {
        return runs.failInterrupted();
    }

    private static Operation operation(String action, RestoreRequest request, Actor actor) {
        List<String> named = request.targetWallets();
        return Operation.of(actor, action, "backup/" + request.backupId(), "dryRun", request.dryRun(),
                "targetCount", named == null ? null : named.size(), "targetWallets",
                named == null ? null : named.subList(0, Math.min(named.size(), 50)), "fingerprint",
                request.fingerprint(), "restoreDeleted", request.recreates(), "force", request.forced());
    }

    /**
     * The backup, completed and passing its verification (its rows and its seal); otherwise 404 or 409. A request with
     * {@code force} (backup-admin only, audited with the request) may use a backup marked corrupt, or one that fails
     * now: the investigation of an incident may need exactly that backup.
     */
    private BackupSummary requireRestorable(RestoreRequest request, Actor actor) {
        if (request.forced()) {
            NotPermittedException.require(actor, Roles.ADMIN, "forcing a restore from a corrupt backup");
        }
        long backupId = request.backupId();
        BackupSummary backup = backups.summary(backupId);
        if (backup.status() == BackupStatus.CORRUPT) {
            if (!request.forced()) {
                throw new BackupCorruptException(backup);
            }
            Log.warnf("Backup %d is corrupt; %s forces its use (%s)", backupId, actor.subject(),
                    request.dryRun() ? "dry run" : "restore");
            return backup;
        }
        if (backup.status() != BackupStatus.COMPLETED) {
            throw new BackupNotCompletedException(backupId, backup.status().wire());
        }
        VerifyResult verify = backupService.verify(backupId);
        if (!verify.ok()) {
            if (!request.forced()) {
                throw new BackupTamperedException(verify);
            }
            Log.warnf("Backup %d failed its verification (%s); %s forces its use", backupId, verify.detail(),
                    actor.subject());
        }
        return backup;
    }

    /**
     * Registers the run on {@code session} and takes the run's lock in the same transaction, so recovery never sees
     * the run without its lock. For a real restore the unique index on running restores refuses a second one (409).
     */
    private long register(DbSession session, long backupId, boolean dryRun, List<String> targets, Actor actor,
            Instant now) {
        var run = new RestoreRunRepository.NewRun(backupId, dryRun, actor.subject(), actor.name(), targets, now);
        try {
            return session.transaction(() -> {
                long id = runs.insert(session, run);
                session.lock(AdvisoryLock.RESTORE, id);
                return id;
            });
        } catch (DatabaseException e) {
            if (e.uniqueViolation()) {
                throw new RestoreInProgressException();
            }
            throw e;
        }
    }

    /**
     * Records a failed run, durably (the failure may be the database), and answers the exception the caller sees:
     * 503 naming the stop when the instance is stopping, else the reason, no class names.
     */
    private RuntimeException failed(long runId, long started, RuntimeException cause, boolean dryRun) {
        Log.errorf(cause, "Restore run %d failed", runId);
        String reason = cause instanceof DatabaseException db
                ? db.reason()
                : cause.getMessage() != null ? cause.getMessage() : "see the service log";
        long ms = RestoreApplier.elapsed(started);
        boolean stopping = shutdown.cancelling();
        durable.write("recording restore run " + runId + " failed", () -> runs.finish(runId,
                RunEnd.failed(ms, stopping ? "cancelled, the service is stopping: " + reason : reason)));
        count("failed", dryRun);
        if (stopping) {
            return new OperationInterruptedException("Restore run " + runId + " was cancelled because this instance "
                    + "is stopping; it was rolled back, nothing changed, and it is recorded as failed. Send the "
                    + "request again.");
        }
        return new RestoreFailedException(runId, reason);
    }

    /** Counts a run in {@code gold_restore_total{outcome, dry_run}}. */
    private void count(String outcome, boolean dryRun) {
        Counter.builder("gold.restore").description("Restores and dry runs, by outcome")
                .tag("outcome", outcome).tag("dry_run", String.valueOf(dryRun)).register(registry).increment();
    }
}
