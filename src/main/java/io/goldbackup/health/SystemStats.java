package io.goldbackup.health;

import java.util.Map;

import io.goldbackup.backup.BackupSummary;

/**
 * The seed's getBackupSystemStats, with storage measured by PostgreSQL. Counts are of completed backups; failed
 * and running ones are counted apart.
 */
public record SystemStats(long totalBackups, long backupsLast24h, long backupsLast7Days, long backupsLast30Days,
        long failedBackups, long runningBackups, long totalUserDataRecords, long storageBytes, double storageMB,
        CurrentSystemStats currentSystemStats, BackupSummary mostRecentBackup, BackupSummary oldestBackup,
        Map<String, Long> backupTypes, BackupIndicators.Indicators health, Performance performance) {

    /** The live game state now. */
    public record CurrentSystemStats(long totalGoldMiners, double totalCurrentGold, double totalGoldPerHour) {
    }

    /**
     * How the backup system performs.
     *
     * @param averageBackupDurationMs mean duration of completed backups; null before the first
     * @param storageGrowthBytesPerDay bytes of the backups completed in the last 7 days, per day
     * @param restoreSuccessRate share of real restores that succeeded; null before the first
     */
    public record Performance(Double averageBackupDurationMs, double storageGrowthBytesPerDay,
            Double restoreSuccessRate) {
    }
}
