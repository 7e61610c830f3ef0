package io.goldbackup.backup;

/**
 * The outcome of recomputing a backup's checksum from its rows.
 *
 * @param ok whether the recomputed checksum equals the one recorded when the backup was taken
 * @param expectedChecksum recorded at creation
 * @param actualChecksum recomputed now
 * @param walletCount rows read now
 */
public record VerifyResult(long backupId, boolean ok, String expectedChecksum, String actualChecksum,
        long walletCount) {
}
