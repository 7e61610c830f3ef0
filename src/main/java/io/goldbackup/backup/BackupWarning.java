package io.goldbackup.backup;

import java.util.List;

/**
 * Something a backup found in the live data and recorded without refusing it.
 *
 * @param code {@code INVALID_ADDRESS_FORMAT}, {@code FUTURE_SNAPSHOT_TIME} or {@code MEK_RATE_MISMATCH}
 * @param count how many wallets it concerns
 * @param message the finding in words
 * @param sample up to five of the wallets concerned
 */
public record BackupWarning(String code, long count, String message, List<String> sample) {
}
