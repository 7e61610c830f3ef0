package io.goldbackup.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.backup.BackupVerifications;
import io.goldbackup.backup.DailyBackupExistsException;
import io.goldbackup.backup.VerificationRunningException;
import io.goldbackup.backup.VerifyRun;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.drill.DrillService;
import io.goldbackup.drill.ScheduledDrills;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.Started;
import io.goldbackup.retention.CleanupReport;
import io.goldbackup.retention.CleanupService;
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;

/**
 * The two scheduled jobs, one code path for the in-process scheduler, the operator's trigger and the one-shot
 * command mode; each runs as one operation ({@code job.daily-backup}, {@code job.weekly-cleanup}) through the
 * {@link OperationRunner}. The daily backup is exactly once per UTC day across any number of replicas: an advisory
 * lock on the day keeps a second replica from starting a second snapshot, and the unique index on non-failed
 * auto_daily backups per day decides in the database even if the lock were lost.
 */
@ApplicationScoped
public class JobService {

    public static final String DAILY_BACKUP = "daily-backup";
    public static final String WEEKLY_CLEANUP = "weekly-cleanup";
    public static final String OFFSITE_COPY = "offsite-copy";
    public static final String VERIFY = "verify";
    public static final String RESTORE_DRILL = "restore-drill";

    private final OperationRunner operations;
    private final Database database;
    private final BackupService backups;
    private final BackupQueries queries;
    private final CleanupService cleanup;
    private final JobMonitor monitor;
    private final RunRecovery recovery;
    private final OffsiteService offsite;
    private final DrillService drills;
    private final Clock clock;
    private final Duration timeLimit;
    private final BackupVerifications verifications;

    JobService(OperationRunner operations, Database database, BackupService backups, BackupQueries queries,
            CleanupService cleanup, JobMonitor monitor, RunRecovery recovery, OffsiteService offsite,
            DrillService drills, Clock clock, ScheduleConfig config, BackupVerifications verifications) {
        this.operations = operations;
        this.database = database;
        this.backups = backups;
        this.queries = queries;
        this.cleanup = cleanup;
        this.monitor = monitor;
        this.recovery = recovery;
        this.offsite = offsite;
        this.drills = drills;
        this.clock = clock;
        this.timeLimit = config.jobTimeLimit();
        this.verifications = verifications;
    }

    /** Runs job {@code name} as {@code actor}; {@code trigger} goes into its audit event. */
    public Object run(String name, Actor actor, Map<String, Object> trigger) {
        return switch (name) {
            case DAILY_BACKUP -> dailyBackup(actor, trigger);
            case WEEKLY_CLEANUP -> weeklyCleanup(actor, trigger);
            case OFFSITE_COPY -> offsiteCopy(actor, trigger);
            case VERIFY -> scheduledVerify(actor, trigger);
            case RESTORE_DRILL -> restoreDrill(actor, trigger);
            default -> throw new IllegalArgumentException("unknown job " + name);
        };
    }

    /**
     * Creates the day's auto_daily backup unless the UTC day has one that did not fail. A replica that finds the
     * day's lock taken waits for it and then looks again: if the winner's backup failed (or its instance stopped
     * in the middle), the waiter takes the day over instead of leaving it without a backup until tomorrow.
     */
    public DailyBackupResult dailyBackup(Actor actor, Map<String, Object> trigger) {
        return job(DAILY_BACKUP, actor, trigger, () -> {
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            long key = day.toEpochDay();
            try (DbSession session = database.openForLock()) {
                if (!session.tryLock(AdvisoryLock.DAILY_BACKUP, key)) {
                    Log.infof("Daily backup for %s: another replica is taking it; waiting for its outcome", day);
                    if (!session.awaitLock(AdvisoryLock.DAILY_BACKUP, key, timeLimit)) {
                        throw new IllegalStateException("the day's lock was not released within " + timeLimit);
                    }
                }
                try {
                    // A day's backup left running by an instance that is gone must not hold the day.
                    recovery.recoverBackups();
                    var existing = queries.dailyBackupOf(day);
                    if (existing.isPresent()) {
                        return new DailyBackupResult(false, existing.get(), day.toString(), null);
                    }
                    BackupSummary created = backups.create(BackupType.AUTO_DAILY, null, "Scheduled daily backup",
                            actor);
                    return new DailyBackupResult(true, created.id(), day.toString(), created);
                } catch (DailyBackupExistsException e) {
                    return new DailyBackupResult(false, queries.dailyBackupOf(day).orElse(null), day.toString(),
                            null);
                } finally {
                    session.unlockQuietly(AdvisoryLock.DAILY_BACKUP, key);
                }
            }
        });
    }

    /**
     * {@link #dailyBackup} with the snapshot in the background: answers once the day's backup is registered
     * ({@code created} true, {@code backupId} the running backup), or at once when the day has its backup. The day's
     * lock held elsewhere is a 409 here: waiting for another replica's outcome is what a synchronous trigger does.
     *
     * @throws DailyBackupRunningException when the day's backup is being taken
     */
    public DailyBackupResult startDailyBackup(Actor actor, Map<String, Object> trigger) {
        return operations.start(operation(DAILY_BACKUP, actor, trigger), () -> {
            monitor.started(DAILY_BACKUP);
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            long key = day.toEpochDay();
            DbSession session = database.openForLock();
            Runnable release = () -> {
                try (session) {
                    session.unlockQuietly(AdvisoryLock.DAILY_BACKUP, key);
                } finally {
                    monitor.finished(DAILY_BACKUP);
                }
            };
            boolean handedOver = false;
            try {
                if (!session.tryLock(AdvisoryLock.DAILY_BACKUP, key)) {
                    throw new DailyBackupRunningException(day);
                }
                recovery.recoverBackups();
                var existing = queries.dailyBackupOf(day);
                if (existing.isPresent()) {
                    return Started.done(new DailyBackupResult(false, existing.get(), day.toString(), null));
                }
                Started<Long> backup;
                try {
                    backup = backups.begin(BackupType.AUTO_DAILY, null, "Scheduled daily backup", actor);
                } catch (DailyBackupExistsException e) {
                    return Started.done(new DailyBackupResult(false, queries.dailyBackupOf(day).orElse(null),
                            day.toString(), null));
                }
                handedOver = true;
                return new Started<>(new DailyBackupResult(true, backup.value(), day.toString(), null), () -> {
                    try {
                        backup.rest().run();
                    } finally {
                        release.run();
                    }
                });
            } finally {
                if (!handedOver) {
                    release.run();
                }
            }
        });
    }

    /** Removes what the configured retention says has expired (no overrides: those are the admin's /cleanup). */
    public CleanupReport weeklyCleanup(Actor actor, Map<String, Object> trigger) {
        return job(WEEKLY_CLEANUP, actor, trigger, () -> cleanup.removeExpired(actor));
    }

    /**
     * {@link #weeklyCleanup} in the background: answers the cleanup run's id once it is registered.
     *
     * @throws io.goldbackup.retention.CleanupInProgressException when another cleanup runs
     */
    public long startWeeklyCleanup(Actor actor, Map<String, Object> trigger) {
        return operations.start(operation(WEEKLY_CLEANUP, actor, trigger), () -> {
            monitor.started(WEEKLY_CLEANUP);
            Started<Long> run;
            try {
                run = cleanup.beginRemoveExpired(actor);
            } catch (RuntimeException e) {
                monitor.finished(WEEKLY_CLEANUP);
                throw e;
            }
            return new Started<>(run.value(), () -> {
                try {
                    run.rest().run();
                } finally {
                    monitor.finished(WEEKLY_CLEANUP);
                }
            });
        });
    }

    /** Copies every completed backup that lacks an off-site copy on a target (the one-shot job for a CronJob). */
    public OffsiteService.CopyJobResult offsiteCopy(Actor actor, Map<String, Object> trigger) {
        OffsiteService.CopyJobResult result = job(OFFSITE_COPY, actor, trigger, offsite::copyMissing);
        if (result.failed() > 0) {
            throw new IllegalStateException(result.failed() + " copy(ies) failed (" + result.completed()
                    + " completed); they are tried again");
        }
        return result;
    }

    /**
     * Verifies the backups that are due, within the budget ({@link BackupVerifications}). A mismatch is a verdict,
     * not a failure of the job: the backup is corrupt, and the integrity check and the alert say so. Verifications
     * that could not finish are counted in the answer ({@code errors}).
     *
     * @throws VerificationRunningException when a run is going on (409 for the API)
     */
    public VerifyRun verify(Actor actor, Map<String, Object> trigger) {
        return job(VERIFY, actor, trigger, verifications::verifyDue);
    }

    /**
     * The scheduler's and the one-shot job's verification. Every replica fires at the same time; one takes the turn
     * and the others have nothing to do (a refusal would be retried and logged as a failure). A verification that
     * could not finish fails the run after the others ran, so that it is tried again (and a one-shot job exits 1).
     */
    private Object scheduledVerify(Actor actor, Map<String, Object> trigger) {
        VerifyRun run;
        try {
            run = verify(actor, trigger);
        } catch (VerificationRunningException e) {
            Log.infof("Verification: another replica is running it");
            return "another replica is running the verification";
        }
        if (run.errors() > 0) {
            throw new IllegalStateException(run.errors() + " verification(s) could not finish (" + run.verified()
                    + " reached a verdict); they stay due");
        }
        return run.due() + " due, " + run.ok() + " ok, " + run.mismatch() + " mismatch, " + run.remaining()
                + " left for the next run";
    }

    private static Operation operation(String name, Actor actor, Map<String, Object> trigger) {
        return new Operation(actor, "job." + name, "jobs/" + name, trigger);
    }

    /**
     * The scheduled restore drills of the UTC day: the newest completed backup, and once a month the oldest one still
     * kept; once per day across replicas. Fails (after recording the drills) when a drill failed, so the scheduler's
     * retries and a CronJob's exit status say so; a retry finds the day's drills and reports them again.
     */
    public ScheduledDrills restoreDrill(Actor actor, Map<String, Object> trigger) {
        return job(RESTORE_DRILL, actor, trigger, () -> {
            ScheduledDrills result = drills.scheduled(actor, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                    timeLimit);
            if (!result.failed().isEmpty()) {
                throw new IllegalStateException(result.failed().size() + " restore drill(s) failed: " + String.join(
                        "; ", result.failed().stream().map(d -> "drill " + d.id() + " of backup " + d.backupId())
                                .toList()));
            }
            return result;
        });
    }

    private <T> T job(String name, Actor actor, Map<String, Object> trigger, Supplier<T> work) {
        return operations.run(operation(name, actor, trigger), () -> {
            monitor.started(name);
            try {
                return work.get();
            } finally {
                monitor.finished(name);
            }
        });
    }
}
