package io.goldbackup.restore;

/**
 * What a restore would do to one wallet: each restored field before (live now) and after (from the backup), and
 * the mek figures then (in the backup) and now (live), which a restore never changes but an operator should see.
 */
public record WalletDiff(String walletAddress, double goldBefore, double goldAfter, double goldDelta,
        double goldPerHourBefore, double goldPerHourAfter, Integer levelBefore, Integer levelAfter,
        Long experienceBefore, Long experienceAfter, Double bankBalanceBefore, Double bankBalanceAfter,
        int mekCountThen, int mekCountNow, double mekRateThen, double mekRateNow, boolean meksChanged) {
}
