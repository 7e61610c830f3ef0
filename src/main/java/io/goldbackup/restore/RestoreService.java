package io.goldbackup.restore;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupNotCompletedException;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.RangeVerifier;
import io.goldbackup.backup.VerifyResult;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.Started;
import io.goldbackup.restore.RestoreExceptions.BackupCorruptException;
import io.goldbackup.restore.RestoreExceptions.BackupTamperedException;
import io.goldbackup.restore.RestoreExceptions.PlanChangedException;
import io.goldbackup.restore.RestoreExceptions.RestoreRunNotFoundException;
import io.goldbackup.restore.RestoreRuns.RunWork;
import io.goldbackup.security.Actor;
import io.goldbackup.security.NotPermittedException;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
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
    private final RestoreRuns lifecycle;
    private final RestoreRunRepository runs;
    private final RestorePlanner planner;
    private final RestoreApplier applier;
    private final BackupQueries backups;
    private final BackupService backupService;
    private final RestoreConfig config;
    private final RangeVerifier ranges;

    RestoreService(OperationRunner operations, RestoreRuns lifecycle, RestoreRunRepository runs,
            RestorePlanner planner, RestoreApplier applier, BackupQueries backups, BackupService backupService,
            RestoreConfig config, RangeVerifier ranges) {
        this.ranges = ranges;
        this.operations = operations;
        this.lifecycle = lifecycle;
        this.runs = runs;
        this.planner = planner;
        this.applier = applier;
        this.backups = backups;
        this.backupService = backupService;
        this.config = config;
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
            BackupSummary backup = requireUsable(request, actor);
            return inRun(request.backupId(), true, targets, actor, verifiedBeside(request, actor, backup, targets,
                    verdict -> planning(request, backup, verdict, targets)));
        });
    }

    /** A dry run's work: the plan, kept with the run (so that one run in the background can be read when done). */
    private RunWork<RestorePlan> planning(RestoreRequest request, BackupSummary backup, Verdict verdict,
            List<String> targets) {
        return (session, runId, started, now) -> {
            RestorePlan plan = planner.plan(session,
                    new RestoreScope(backup.id(), runId, targets != null, request.recreates()),
                    backup, verdict, targets, now);
            runs.savePlan(runId, plan);
            runs.finish(runId, new RunEnd("completed", RestoreApplier.elapsed(started), plan.walletsInScope(),
                    0L, plan.walletsToChange(), plan.totals().goldBefore(), plan.totals().goldAfter(), null,
                    plan.fingerprint(), null));
            lifecycle.count("completed", true);
            return plan;
        };
    }

    /**
     * Restores: registers the run (refused with 409 while another runs), then applies it in one transaction
     * ({@link RestoreApplier}), which writes nothing unless the backup's verification, run beside it, passes: a
     * tampered backup is refused (409, the run recorded as refused).
     */
    public RestoreRun restore(RestoreRequest request, Actor actor) {
        return operations.run(operation("restore.apply", request, actor), () -> {
            List<String> targets = checkRestore(request, actor);
            BackupSummary backup = requireUsable(request, actor);
            return inRun(request.backupId(), false, targets, actor,
                    verifiedBeside(request, actor, backup, targets,
                            verdict -> restoring(request, backup, verdict, targets, actor)));
        });
    }

    /** A real restore's rules beyond the resource's role: valid targets, backup-admin, the confirmation code. */
    private List<String> checkRestore(RestoreRequest request, Actor actor) {
        List<String> targets = RestoreTargets.validate(request.targetWallets(), config.maxTargetWallets());
        NotPermittedException.require(actor, Roles.ADMIN, "a real restore");
        if (!CONFIRMATION_CODE.equals(request.confirmationCode())) {
            throw new InvalidInputException("confirmationCode", "must be " + CONFIRMATION_CODE + " to restore");
        }
        return targets;
    }

    /** A real restore's work: {@link RestoreApplier}; a changed plan is recorded as refused. */
    private RunWork<RestoreRun> restoring(RestoreRequest request, BackupSummary backup, Verdict verdict,
            List<String> targets, Actor actor) {
        return (session, runId, started, now) -> {
            try {
                applier.apply(session, new RestoreScope(backup.id(), runId, targets != null, request.recreates()),
                        backup, verdict, targets,
                        request.fingerprint(), actor, now, started);
            } catch (PlanChangedException e) {
                lifecycle.refused(runId, started, "the wallets changed since the dry run whose fingerprint was given",
                        false);
                throw e;
            }
            lifecycle.count("completed", false);
            return run(runId);
        };
    }

    /**
     * {@link #run(RestoreRequest, Actor)} in the background: answers the run's id as soon as it is registered
     * ({@code running}). Up front, as a synchronous request: the rules (with {@code force}: backup-admin), an unknown
     * (404), not completed or, without {@code force}, corrupt (409) backup, another restore running (409). The
     * verification of the backup reads every row, so it is part of the background work: a backup that fails it ends
     * the run {@code refused}, unless the request is forced.
     */
    public long start(RestoreRequest request, Actor actor) {
        boolean dryRun = request.dryRun();
        return operations.start(operation(dryRun ? "restore.dry-run" : "restore.apply", request, actor), () -> {
            List<String> targets = dryRun
                    ? RestoreTargets.validate(request.targetWallets(), config.maxTargetWallets())
                    : checkRestore(request, actor);
            BackupSummary backup = requireUsable(request, actor);
            RestoreRuns.Run run = lifecycle.register(backup.id(), dryRun, targets, actor);
            return new Started<>(run.id(), () -> run.complete(verifiedBeside(request, actor, backup, targets,
                    verdict -> dryRun
                            ? RestoreService.<Object>widen(planning(request, backup, verdict, targets))
                            : widen(restoring(request, backup, verdict, targets, actor)))));
        });
    }

    /** A run's work as work answering anything: the background part of {@link #start} answers a plan or a run. */
    private static <T> RunWork<T> widen(RunWork<? extends T> work) {
        return work::run;
    }

    /**
     * A run's work with the verification of its backup (its rows and seal; a failure marks it corrupt). A full run's
     * verification reads every row and runs beside the work on a session of its own ({@link Verdict}): the work reads
     * the live rows meanwhile and waits for the verdict before it writes or answers. A run of named wallets checks
     * their ranges first, on this thread: a few milliseconds, less than handing them to another thread and session
     * costs. A backup that fails is refused with 409 and the run recorded as refused, unless the
     * request is forced; the operation ends only once the verification has.
     */
    private <T> RunWork<T> verifiedBeside(RestoreRequest request, Actor actor, BackupSummary backup,
            List<String> targets, Function<Verdict, RunWork<T>> work) {
        return (session, runId, started, now) -> {
            Verdict verdict = backup.status() == BackupStatus.CORRUPT
                    ? Verdict.notVerified(backup)
                    : targets != null
                            ? Verdict.of(() -> requireVerified(request, actor, backup, targets))
                            : new Verdict(operations.beside(() -> requireVerified(request, actor, backup, targets)));
            // A refusal of the verification (the verdict and what an admin can do; or why there is none: the backup
            // is being deleted) ends the run refused in its words (RestoreRuns), in the background or not.
            try {
                if (targets != null) {
                    verdict.await(); // refused before any lock
                }
                return work.apply(verdict).run(session, runId, started, now);
            } finally {
                verdict.settle();
            }
        };
    }

    /**
     * Registers a run and runs {@code work} on its session ({@link RestoreRuns}): a failure is recorded durably and
     * answered (503 naming the stop when the instance is stopping).
     */
    private <T> T inRun(long backupId, boolean dryRun, List<String> targets, Actor actor, RunWork<T> work) {
        return lifecycle.register(backupId, dryRun, targets, actor).complete(work);
    }

    /** The restore log, newest first. */
    public List<RestoreRun> list(int limit) {
        return runs.newest(limit);
    }

    /** One run, with its named wallets. */
    public RestoreRun run(long id) {
        return runs.find(id).orElseThrow(() -> new RestoreRunNotFoundException(id));
    }

    /** A completed dry run's plan as JSON, exactly as the dry run answered it; empty for any other run. */
    public Optional<String> plan(long runId) {
        run(runId);
        return runs.plan(runId);
    }

    /**
     * A completed dry run's plan, as the dry run answered it, to show again (the console's link to a plan); empty for
     * any other run.
     */
    public Optional<RestorePlan> storedPlan(long runId) {
        run(runId);
        return runs.storedPlan(runId);
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
     * What is decided about the backup before a run is registered, without reading its rows: {@code force} needs
     * backup-admin; the backup exists (404), is completed (409), and is not marked corrupt unless forced (409). Its
     * verification runs with the run ({@link #verifiedBeside}). A request with {@code force} (backup-admin only,
     * audited with the request) may use a backup marked corrupt, or one that fails now: the investigation of an
     * incident may need exactly that backup.
     */
    private BackupSummary requireUsable(RestoreRequest request, Actor actor) {
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
        return backup;
    }

    /**
     * The verification of {@code backup} (its rows and its seal; a failure marks it corrupt): refused with 409 when it
     * fails, unless the request is forced. A run of named wallets ({@code targets}) verifies only the ranges of the backup's checksum that hold them
     * ({@link RangeVerifier}); a full one every row.
     *
     * @return the backup as it is after the verification (its verdict recorded), as the plan and the run show it
     */
    private BackupSummary requireVerified(RestoreRequest request, Actor actor, BackupSummary backup,
            List<String> targets) {
        VerifyResult verify = targets == null
                ? backupService.verify(backup.id())
                : ranges.verifyWallets(backup.id(), targets);
        if (!verify.ok()) {
            if (!request.forced()) {
                throw new BackupTamperedException(verify);
            }
            Log.warnf("Backup %d failed its verification (%s); %s forces its use", backup.id(), verify.detail(),
                    actor.subject());
        }
        // A check of the named wallets' ranges that passes records nothing (no verdict on the rest): the backup is
        // as it was read before.
        return verify.ok() && verify.verifiedAt() == null ? backup : backups.summary(backup.id());
    }
}
