package io.goldbackup.schedule;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The in-process scheduler: the seed's daily backup and weekly cleanup and the verification of the backups that are
 * due, cron from configuration in UTC, a run
 * skipped while the previous one still runs. A failed run is retried with a doubling wait a bounded number of
 * times, then left to the next slot. Replicas all fire; {@link JobService} makes the work happen once.
 */
@ApplicationScoped
public class ScheduledJobs {

    private final JobService jobs;
    private final ScheduleConfig config;
    private final ShutdownGuard shutdown;

    ScheduledJobs(JobService jobs, ScheduleConfig config, ShutdownGuard shutdown) {
        this.jobs = jobs;
        this.config = config;
        this.shutdown = shutdown;
    }

    @Scheduled(identity = JobService.DAILY_BACKUP, cron = "${gold-backup.schedule.daily-backup}", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dailyBackup() {
        runWithRetries(JobService.DAILY_BACKUP);
    }

    @Scheduled(identity = JobService.WEEKLY_CLEANUP, cron = "${gold-backup.schedule.weekly-cleanup}", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weeklyCleanup() {
        runWithRetries(JobService.WEEKLY_CLEANUP);
    }

    @Scheduled(identity = JobService.VERIFY, cron = "${gold-backup.schedule.verify}", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void verify() {
        runWithRetries(JobService.VERIFY);
    }

    @Scheduled(identity = JobService.RESTORE_DRILL, cron = "${gold-backup.schedule.restore-drill}", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void restoreDrill() {
        runWithRetries(JobService.RESTORE_DRILL);
    }

    /**
     * Runs the job {@code name} as the scheduler, retrying failures.
     *
     * @return true when an attempt succeeded
     * @throws IllegalArgumentException for an unknown job name
     */
    public boolean runWithRetries(String name) {
        if (!JobService.DAILY_BACKUP.equals(name) && !JobService.WEEKLY_CLEANUP.equals(name)
                && !JobService.OFFSITE_COPY.equals(name) && !JobService.VERIFY.equals(name)
                && !JobService.RESTORE_DRILL.equals(name)) {
            throw new IllegalArgumentException("unknown job " + name);
        }
        Duration wait = config.retryBackoff();
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            try {
                Object result = jobs.run(name, Actor.SCHEDULER, Map.of("trigger", "schedule", "attempt", attempt));
                Log.infof("Job %s succeeded on attempt %d: %s", name, attempt, result);
                return true;
            } catch (RuntimeException e) {
                Log.errorf(e, "Job %s failed on attempt %d of %d", name, attempt, config.maxAttempts());
                if (shutdown.stopping()) {
                    // Another replica takes the day over (it waits on the day's lock), or the next slot does.
                    Log.warnf("Job %s: no more attempts, this instance is stopping", name);
                    return false;
                }
                if (attempt < config.maxAttempts()) {
                    if (!sleep(wait)) {
                        return false;
                    }
                    wait = wait.multipliedBy(2);
                }
            }
        }
        Log.errorf("Job %s gave up after %d attempts; the next scheduled slot runs it again", name,
                config.maxAttempts());
        return false;
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
