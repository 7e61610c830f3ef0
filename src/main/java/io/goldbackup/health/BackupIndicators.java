package io.goldbackup.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupStatsRepository;
import io.goldbackup.backup.StorageConfig;

/**
 * The seed's four health indicators, computed from backup metadata and catalog sizes only (never wallet rows),
 * so that probes and dashboards can ask as often as they like.
 */
@ApplicationScoped
public class BackupIndicators {

    private final BackupStatsRepository backups;
    private final HealthConfig health;
    private final StorageConfig storage;
    private final Clock clock;

    BackupIndicators(BackupStatsRepository backups, HealthConfig health, StorageConfig storage, Clock clock) {
        this.backups = backups;
        this.health = health;
        this.storage = storage;
        this.clock = clock;
    }

    /** The indicators now, with exact storage (opens every partition): for statistics, not for probes. */
    public Reading read() {
        return read(true);
    }

    /**
     * The indicators now, with the figures behind them.
     *
     * @param exactStorage measure storage exactly, or take the catalog's figure (no lock, for probes)
     */
    public Reading read(boolean exactStorage) {
        Instant now = clock.instant();
        BackupStatsRepository.BackupCounts counts = backups.counts(now);
        // One round trip for a probe: the counts query carries the catalog's storage figure.
        long storageBytes = exactStorage ? backups.storageBytes() : counts.catalogStorageBytes();
        Double hoursSinceLast = counts.lastCompletedAt() == null
                ? null
                : Duration.between(counts.lastCompletedAt(), now).toSeconds() / 3600.0;
        Indicators indicators = new Indicators(
                hoursSinceLast != null && hoursSinceLast <= health.recentBackupHours(),
                counts.completed() >= health.minBackups(),
                storageBytes < storage.warnSizeBytes(),
                counts.last7Days() >= health.minBackupsLast7Days());
        return new Reading(indicators, counts, storageBytes, hoursSinceLast);
    }

    /**
     * The four indicators, named as the seed names them.
     *
     * @param hasRecentBackup a backup completed within the configured hours (25)
     * @param hasMultipleBackups at least the configured number of completed backups (2)
     * @param storageUsageOK storage under the warning threshold (100 MB)
     * @param backupFrequencyOK at least the configured number of backups in the last 7 days (7)
     */
    public record Indicators(boolean hasRecentBackup, boolean hasMultipleBackups, boolean storageUsageOK,
            boolean backupFrequencyOK) {

        public boolean allOk() {
            return hasRecentBackup && hasMultipleBackups && storageUsageOK && backupFrequencyOK;
        }
    }

    /** The indicators and the figures they were computed from. */
    public record Reading(Indicators indicators, BackupStatsRepository.BackupCounts counts, long storageBytes,
            Double hoursSinceLastBackup) {
    }

    /** The thresholds, for the probes' data. */
    public HealthConfig thresholds() {
        return health;
    }

    /** The storage warning threshold in MB. */
    public long warnSizeMb() {
        return storage.warnSizeMb();
    }
}
