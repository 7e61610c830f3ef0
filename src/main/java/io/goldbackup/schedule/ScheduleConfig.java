package io.goldbackup.schedule;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the jobs run (cron in UTC, Quartz syntax), and how failures and stuck runs are handled. */
@ConfigMapping(prefix = "gold-backup.schedule")
public interface ScheduleConfig {

    /** The daily backup; default {@code 0 0 2 * * ?} (02:00 UTC). {@code off} disables the in-process job. */
    @WithDefault("0 0 2 * * ?")
    String dailyBackup();

    /** The weekly cleanup; default {@code 0 0 3 ? * SUN} (Sundays 03:00 UTC). {@code off} disables it. */
    @WithDefault("0 0 3 ? * SUN")
    String weeklyCleanup();

    /**
     * The scheduled verification of the backups that are due ({@code gold-backup.verify.*}); default {@code 0 30 4 * * ?}
     * (04:30 UTC, after the daily backup and the weekly cleanup). {@code off} disables the in-process job.
     */
    @WithDefault("0 30 4 * * ?")
    String verify();

    /**
     * The restore drills: the newest completed backup, and once a month the oldest still kept; default
     * {@code 0 0 5 ? * SUN} (Sundays 05:00 UTC, after the daily backup and the weekly cleanup). {@code off} disables it.
     */
    @WithDefault("0 0 5 ? * SUN")
    String restoreDrill();

    /** Attempts of a scheduled run before it gives up until the next slot; default 3. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before the second attempt, doubled before each further one; default 1 minute. */
    @WithDefault("PT1M")
    Duration retryBackoff();

    /** A job running longer than this is stuck: liveness goes DOWN so Kubernetes restarts the pod; default 2 h. */
    @WithDefault("PT2H")
    Duration jobTimeLimit();

    /**
     * How often every replica looks for runs left {@code running} by an instance that is gone and marks them failed
     * ({@code 10s}, {@code PT1M}; {@code off} only at start); default 10 s.
     */
    @WithDefault("10s")
    String recoveryInterval();
}
