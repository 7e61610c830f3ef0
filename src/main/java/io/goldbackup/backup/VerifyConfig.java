package io.goldbackup.backup;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Verification of backups: how often each completed backup is verified again, how long one scheduled run may go on,
 * and whether an unsealed backup fails. The schedule itself is {@code gold-backup.schedule.verify}.
 */
@ConfigMapping(prefix = "gold-backup.verify")
public interface VerifyConfig {

    /**
     * A completed backup is due for verification when its last one is older than this (or it was never verified);
     * default 7 days ({@code P7D}).
     */
    @WithDefault("P7D")
    Duration every();

    /**
     * One scheduled run starts no new verification once this much time has passed since it began (the one running
     * finishes): a thousand backups never hold a night; the rest are due first next time. Default 30 minutes.
     */
    @WithDefault("PT30M")
    Duration budget();

    /**
     * Whether an unsealed backup fails verification (and so becomes corrupt); default false, because backups taken
     * before seals existed are unsealed. Set it once none of those is left (the {@code integrity} health check counts
     * them): then a seal removed in the database is caught as well. Needs {@code GOLD_BACKUP_KEYS}.
     */
    @WithDefault("false")
    boolean requireSeal();
}
