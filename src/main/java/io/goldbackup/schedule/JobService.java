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
import io.goldbackup.backup.DailyBackupExistsException;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.drill.DrillService;
import io.goldbackup.drill.ScheduledDrills;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
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

    JobService(OperationRunner operations, Database database, BackupService backups, BackupQueries queries,
            CleanupService cleanup, JobMonitor monitor, RunRecovery recovery, OffsiteService offsite,
            DrillService drills, Clock clock, ScheduleConfig config) {
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
    }

    /** Runs job {@code name} as {@code actor}; {@code trigger} goes into its audit event. */
    public Object run(String name, Actor actor, Map<String, Object> trigger) {
        return switch (name) {
            case DAILY_BACKUP -> dailyBackup(actor, trigger);
            case WEEKLY_CLEANUP -> weeklyCleanup(actor, trigger);
            case OFFSITE_COPY -> offsiteCopy(actor, trigger);
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

    /** Removes what the configured retention says has expired (no overrides: those are the admin's /cleanup). */
    public CleanupReport weeklyCleanup(Actor actor, Map<String, Object> trigger) {
        return job(WEEKLY_CLEANUP, actor, trigger, () -> cleanup.removeExpired(actor));
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
        return operations.run(new Operation(actor, "job." + name, "jobs/" + name, trigger), () -> {
            monitor.started(name);
            try {
                return work.get();
            } finally {
                monitor.finished(name);
            }
        });
    }
}
