package io.goldbackup.restore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How restores run. */
@ConfigMapping(prefix = "gold-backup.restore")
public interface RestoreConfig {

    /** Most wallets a targeted restore may name; default 5000. Larger incidents restore all wallets. */
    @WithDefault("5000")
    int maxTargetWallets();

    /** Per-wallet diffs a dry run lists, largest gold change first; default 100. The rest are summed. */
    @WithDefault("100")
    int diffLimit();

    /**
     * Wallets in scope per step of a restore, which writes those among them that differ; progress (wallets written so
     * far) is reported after each; default 100000.
     */
    @WithDefault("100000")
    int chunkSize();
}
