package io.goldbackup.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Thresholds of the seed's four backup health indicators. */
@ConfigMapping(prefix = "gold-backup.health")
public interface HealthConfig {

    /** A backup must have completed within this many hours; default 25. */
    @WithDefault("25")
    int recentBackupHours();

    /** At least this many completed backups must exist; default 2. */
    @WithDefault("2")
    int minBackups();

    /** At least this many backups must have completed in the last 7 days; default 7. */
    @WithName("min-backups-last-7-days")
    @WithDefault("7")
    int minBackupsLast7Days();

    /**
     * The {@code restore-drill} indicator of the {@code backups} group fails when no restore drill has passed within
     * this (before the first one passes: when the oldest completed backup is older than this); default 8 days.
     */
    @WithDefault("P8D")
    Duration maxDrillAge();

    /** How often readiness' database check runs in the background; default 2 s. */
    @WithDefault("2s")
    Duration databaseCheckInterval();

    /** Readiness is DOWN when the last successful database check is older than this; default 10 s. */
    @WithDefault("10s")
    Duration databaseStaleAfter();
}
