package io.goldbackup.console;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.StorageConfig;
import io.goldbackup.health.SystemStats;
import io.goldbackup.health.SystemStatsService;
import io.goldbackup.operation.Activity;

/**
 * What the status board shows, read through the services: the dashboard renders it, {@link ConsoleLive} renders it
 * again for the page's script, and every page's "running now" strip reads {@link #running()}.
 */
@ApplicationScoped
class ConsoleBoard {

    /** How many finished operations the board lists. */
    static final int OUTCOMES = 8;
    /** How many running operations the strip lists at most (the oldest first). */
    static final int RUNNING = 20;
    /** How many completed backups the chart draws. */
    static final int CHARTED = 30;

    private final SystemStatsService stats;
    private final StorageConfig storage;
    private final BackupQueries backups;
    private final Activity activity;

    ConsoleBoard(SystemStatsService stats, StorageConfig storage, BackupQueries backups, Activity activity) {
        this.stats = stats;
        this.storage = storage;
        this.backups = backups;
        this.activity = activity;
    }

    ConsoleViews.Board board() {
        SystemStats s = stats.stats();
        return new ConsoleViews.Board(s, indicators(s), storage(s), activity.latest(OUTCOMES),
                BackupChart.of(backups.newestCounted(CHARTED)));
    }

    /** The running operations: a cheap read (an index probe per table), asked every few seconds by every page. */
    ConsoleViews.Running running() {
        return new ConsoleViews.Running(activity.running(RUNNING));
    }

    /** Storage alone (the cleanup page): not the full statistics, which scan every live wallet for their totals. */
    ConsoleViews.Storage storage() {
        SystemStatsService.StorageUse use = stats.storageUse();
        return new ConsoleViews.Storage(use.bytes(), storage.warnSizeBytes(), storage.maxSizeBytes(), use.backups(),
                storage.maxBackups());
    }

    private ConsoleViews.Storage storage(SystemStats s) {
        return new ConsoleViews.Storage(s.storageBytes(), storage.warnSizeBytes(), storage.maxSizeBytes(),
                s.totalBackups() + s.runningBackups(), storage.maxBackups());
    }

    private List<ConsoleViews.Indicator> indicators(SystemStats s) {
        return stats.indicatorLines(s).stream()
                .map(i -> new ConsoleViews.Indicator("indicator-" + i.key(), i.name(), i.ok(), i.figure())).toList();
    }
}
