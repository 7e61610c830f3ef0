package io.goldbackup.backup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A backup with aggregates computed in PostgreSQL over all of its rows (never a sample), and its five wallets
 * with the most gold: whole addresses for operators and admins, masked for viewers ({@link BackupQueries}).
 */
public record BackupDetails(@JsonUnwrapped BackupSummary backup, long userDataCount, double totalGold,
        double totalGoldPerHour, long totalMeks, double averageGold, double averageGoldPerHour,
        List<TopUser> topUsers) {

    /**
     * One of the wallets with the most gold.
     *
     * @param walletAddress the whole address, or for a viewer with its middle masked, such as
     *        {@code stake1u8a3...q9x2kd}
     */
    public record TopUser(String walletAddress, double currentGold, double goldPerHour, int mekCount,
            Integer level) {

        /** The same wallet with its address masked. */
        TopUser masked() {
            return new TopUser(mask(walletAddress), currentGold, goldPerHour, mekCount, level);
        }
    }

    /** Keeps the start and the end of an address, enough to recognise it, not to copy it. */
    public static String mask(String address) {
        if (address == null || address.length() <= 16) {
            return address;
        }
        return address.substring(0, 10) + "..." + address.substring(address.length() - 6);
    }
}
