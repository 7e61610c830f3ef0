package io.goldbackup.backup;

import java.time.Instant;

/**
 * The outcome of verifying a backup: its checksum recomputed from its rows, and its seal checked.
 *
 * @param ok whether the backup passed: its rows hash to the recorded checksum and its seal does not fail
 * @param expectedChecksum recorded at creation
 * @param actualChecksum recomputed now
 * @param walletCount rows read now
 * @param checksumOk whether the rows hash to the recorded checksum (and are as many as recorded)
 * @param seal {@code valid}, {@code invalid} (changed after sealing), {@code unknown_key} (its key is not configured),
 *        {@code unchecked} (no key is configured), or {@code unsealed}; the last two pass (see README, "Verification
 *        and integrity")
 * @param sealKeyId the key the backup was sealed with; null when unsealed
 * @param status the backup's status after this verdict: {@code completed}, or {@code corrupt} when it failed
 * @param verifiedAt when, as stored in {@code lastVerifiedAt}
 * @param detail the verdict in words, as stored in {@code lastVerifyDetail}
 */
public record VerifyResult(long backupId, boolean ok, String expectedChecksum, String actualChecksum,
        long walletCount, boolean checksumOk, String seal, String sealKeyId, BackupStatus status, Instant verifiedAt,
        String detail) {
}
