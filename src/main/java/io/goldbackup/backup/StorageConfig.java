package io.goldbackup.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The seed's STORAGE_LIMITS. They suit a few thousand wallets; one backup of 1,000,000 wallets holds about 390 MB,
 * so size them for the live data (see the README).
 */
@ConfigMapping(prefix = "gold-backup.storage")
public interface StorageConfig {

    /** Most backups kept at once; default 100. */
    @WithDefault("100")
    int maxBackups();

    /** Most storage the backups may use, in MB; default 500. */
    @WithDefault("500")
    long maxSizeMb();

    /** Storage above which the storage indicator fails, in MB; default 100. */
    @WithDefault("100")
    long warnSizeMb();

    /** {@link #maxSizeMb()} in bytes. */
    default long maxSizeBytes() {
        return maxSizeMb() * 1024 * 1024;
    }

    /** {@link #warnSizeMb()} in bytes. */
    default long warnSizeBytes() {
        return warnSizeMb() * 1024 * 1024;
    }
}
