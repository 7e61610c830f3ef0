package io.goldbackup.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupStatsRepository;
import io.goldbackup.gamestate.GameStateRepository;
import io.goldbackup.web.Bytes;

/** Assembles the system statistics from metadata, catalog sizes and one aggregate over the live wallets. */
@ApplicationScoped
public class SystemStatsService {

    private final BackupIndicators indicators;
    private final BackupQueries backups;
    private final BackupStatsRepository repository;
    private final GameStateRepository gameState;
    private final RestoreStatsSource restores;
    private final Clock clock;

    SystemStatsService(BackupIndicators indicators, BackupQueries backups, BackupStatsRepository repository,
            GameStateRepository gameState,
            RestoreStatsSource restores, Clock clock) {
        this.indicators = indicators;
        this.backups = backups;
        this.repository = repository;
        this.gameState = gameState;
        this.restores = restores;
        this.clock = clock;
    }

    public SystemStats stats() {
        BackupIndicators.Reading reading = indicators.read();
        var counts = reading.counts();
        var live = gameState.totals(clock.instant());
        return new SystemStats(counts.completed(), counts.last24h(), counts.last7Days(), counts.last30Days(),
                counts.failed(), counts.running(), counts.totalWalletRows(), reading.storageBytes(),
                Math.round(reading.storageBytes() / 1024.0 / 1024.0 * 100) / 100.0,
                new SystemStats.CurrentSystemStats(live.wallets(), live.gold(), live.goldPerHour()),
                counts.newestId() == null ? null : backups.summary(counts.newestId()),
                counts.oldestId() == null ? null : backups.summary(counts.oldestId()),
                repository.countsByType(), reading.indicators(),
                new SystemStats.Performance(counts.averageDurationMs(), counts.bytesLast7Days() / 7.0,
                        restores.successRate()));
    }

    /**
     * Storage in use and backups kept (completed and running), as {@link #stats()} has them, without its scan of every
     * live wallet for the current totals (about 0.2-0.4 s at a million wallets): for pages that show only storage.
     */
    public StorageUse storageUse() {
        BackupIndicators.Reading reading = indicators.read();
        return new StorageUse(reading.storageBytes(), reading.counts().completed() + reading.counts().running());
    }

    /** Bytes the backups take and how many backups there are, completed or running. */
    public record StorageUse(long bytes, long backups) {
    }

    /** The four indicators of {@code s} in words, with their figures and thresholds. */
    public List<IndicatorLine> indicatorLines(SystemStats s) {
        var t = indicators.thresholds();
        var health = s.health();
        String last = s.mostRecentBackup() == null
                ? "No completed backup yet"
                : String.format(Locale.ROOT, "Last backup %.1f h ago",
                        Duration.between(s.mostRecentBackup().backupTimestamp(), clock.instant()).toMinutes() / 60.0);
        return List.of(
                new IndicatorLine("recent", "Recent backup", health.hasRecentBackup(),
                        last + " (must be within " + t.recentBackupHours() + " h)"),
                new IndicatorLine("multiple", "Several backups", health.hasMultipleBackups(),
                        s.totalBackups() + " completed (at least " + t.minBackups() + ")"),
                new IndicatorLine("storage", "Storage", health.storageUsageOK(),
                        Bytes.format(s.storageBytes()) + " used (warning above "
                                + Bytes.format(indicators.warnSizeMb() * 1024 * 1024) + ")"),
                new IndicatorLine("frequency", "Backup frequency", health.backupFrequencyOK(),
                        s.backupsLast7Days() + " in the last 7 days (at least " + t.minBackupsLast7Days() + ")"));
    }
}
