package io.goldbackup.health;

/** Where the statistics learn the restore success rate; the restore feature provides it. */
public interface RestoreStatsSource {

    /** Share of real (not dry-run) restores that succeeded, or null when none has run. */
    Double successRate();
}
