package io.goldbackup.health;

import java.util.Locale;

import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The four indicators and their figures as health check data, the same in readiness and in the group. */
final class IndicatorData {

    private IndicatorData() {
    }

    static HealthCheckResponseBuilder add(HealthCheckResponseBuilder builder, BackupIndicators.Reading r,
            BackupIndicators indicators) {
        HealthConfig t = indicators.thresholds();
        BackupIndicators.Indicators i = r.indicators();
        return builder
                .withData("hasRecentBackup", i.hasRecentBackup())
                .withData("hoursSinceLastBackup",
                        r.hoursSinceLastBackup() == null
                                ? "never"
                                : String.format(Locale.ROOT, "%.1f",
                                        r.hoursSinceLastBackup()))
                .withData("recentBackupHoursThreshold", t.recentBackupHours())
                .withData("hasMultipleBackups", i.hasMultipleBackups())
                .withData("completedBackups", r.counts().completed())
                .withData("minBackups", t.minBackups())
                .withData("storageUsageOK", i.storageUsageOK())
                .withData("storageMB", String.format(Locale.ROOT, "%.1f", r.storageBytes() / 1024.0 / 1024.0))
                .withData("warnSizeMB", indicators.warnSizeMb())
                .withData("backupFrequencyOK", i.backupFrequencyOK())
                .withData("backupsLast7Days", r.counts().last7Days())
                .withData("minBackupsLast7Days", t.minBackupsLast7Days())
                .withData("failedBackups", r.counts().failed())
                .withData("runningBackups", r.counts().running());
    }
}
