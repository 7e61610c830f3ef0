package io.goldbackup.restore;

/**
 * How a restore run ended, as its row records it. Absent figures (null) leave what the row holds.
 *
 * @param status {@code completed}, {@code failed} or {@code refused}
 * @param total wallets in scope
 * @param processed wallets written
 * @param changed wallets whose values the restore changes
 * @param safetyBackupId the safety snapshot a real restore took
 * @param error why it failed or was refused
 */
record RunEnd(String status, long durationMs, Long total, Long processed, Long changed, Double goldBefore,
        Double goldAfter, Long safetyBackupId, String fingerprint, String error) {

    static RunEnd failed(long durationMs, String error) {
        return new RunEnd("failed", durationMs, null, null, null, null, null, null, null, error);
    }

    static RunEnd refused(long durationMs, String error) {
        return new RunEnd("refused", durationMs, null, null, null, null, null, null, null, error);
    }
}
