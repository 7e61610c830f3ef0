package io.goldbackup.backup;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The seed's storage limits as hard limits: a backup that would exceed the number of backups or the storage is
 * refused, checked before it starts (count) and again with its measured size before it commits (bytes), so a
 * refused backup never leaves rows behind.
 */
@ApplicationScoped
class StorageGuard {

    private final BackupRepository backups;
    private final BackupStatsRepository stats;
    private final StorageConfig config;
    private final MeterRegistry registry;

    StorageGuard(BackupRepository backups, BackupStatsRepository stats, StorageConfig config, MeterRegistry registry) {
        this.backups = backups;
        this.stats = stats;
        this.config = config;
        this.registry = registry;
    }

    /** Before a backup starts: refused when the backups that count (not failed) already reach the maximum. */
    void checkCount() {
        long count = backups.countNotFailed();
        if (count >= config.maxBackups()) {
            throw refuse("max_backups", "Refused: " + count + " backups exist and gold-backup.storage.max-backups is "
                    + config.maxBackups() + ". Run a cleanup or raise the limit.");
        }
    }

    /**
     * Before a backup commits: refused when the stored backups plus this one's measured size exceed the maximum.
     *
     * @param newBytes the new backup's size, not yet visible to other sessions
     */
    void checkSize(long newBytes) {
        long stored = stats.storageBytes();
        long max = config.maxSizeBytes();
        if (stored + newBytes > max) {
            throw refuse("max_size", "Refused: this backup takes " + mb(newBytes) + " MB, the backups stored take "
                    + mb(stored) + " MB, and gold-backup.storage.max-size-mb is " + config.maxSizeMb()
                    + ". Run a cleanup or raise the limit (one backup of 1,000,000 wallets takes about 390 MB).");
        }
    }

    private StorageLimitException refuse(String reason, String message) {
        Counter.builder("gold.backup.refused").description("Backups refused by a storage limit, by limit")
                .tag("reason", reason).register(registry).increment();
        return new StorageLimitException(message);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }
}
