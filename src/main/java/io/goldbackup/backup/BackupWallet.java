package io.goldbackup.backup;

import java.time.Instant;

/** One wallet's row in a backup, with the seed's goldBackupUserData names. */
public record BackupWallet(String walletAddress, double currentGold, double goldPerHour, Double accumulatedGold,
        Instant lastSnapshotTime, Double totalGoldPerHour, int mekCount, Instant lastActiveTime,
        Double topMekGoldRate, String topMekAssetId, Double totalMekGoldRate, Integer level, Long experience,
        Double bankBalance) {
}
