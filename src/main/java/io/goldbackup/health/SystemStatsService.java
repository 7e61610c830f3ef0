package io.goldbackup.health;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupRepository;
import io.goldbackup.backup.BackupService;
import io.goldbackup.gamestate.GameStateRepository;

/** Assembles the system statistics from metadata, catalog sizes and one aggregate over the live wallets. */
@ApplicationScoped
public class SystemStatsService {

    private final BackupIndicators indicators;
    private final BackupService backups;
    private final BackupRepository repository;
    private final GameStateRepository gameState;
    private final RestoreStatsSource restores;
    private final Clock clock;

    SystemStatsService(BackupIndicators indicators, BackupService backups, BackupRepository repository,
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
}
