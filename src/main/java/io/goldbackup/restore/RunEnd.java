package io.goldbackup.restore;

import java.util.List;

/**
 * How a restore run ended, as its row records it. Absent figures (null) leave what the row holds.
 *
 * @param status {@code completed}, {@code failed} or {@code refused}
 * @param total wallets in scope
 * @param processed wallets written
 * @param changed wallets whose values the restore changes
 * @param safetyBackupId the safety snapshot a real restore took
 * @param error why it failed or was refused
 * @param recreated wallets re-created ({@code restoreDeleted}), else null
 * @param deleted restoring a safety snapshot: the wallets its restore re-created that this one deleted, else null
 * @param recreatedKept restoring a safety snapshot: the wallets its restore re-created that this one left in place
 * @param warnings what the run left for a person to look at, in words
 */
record RunEnd(String status, long durationMs, Long total, Long processed, Long changed, Double goldBefore,
        Double goldAfter, Long safetyBackupId, String fingerprint, String error, Long recreated, Long deleted,
        Long recreatedKept, List<String> warnings) {

    /** A run that re-created and deleted nothing: a dry run's end. */
    RunEnd(String status, long durationMs, Long total, Long processed, Long changed, Double goldBefore,
            Double goldAfter, Long safetyBackupId, String fingerprint, String error) {
        this(status, durationMs, total, processed, changed, goldBefore, goldAfter, safetyBackupId, fingerprint, error,
                null, null, null, List.of());
    }

    static RunEnd failed(long durationMs, String error) {
        return new RunEnd("failed", durationMs, null, null, null, null, null, null, null, error);
    }

    static RunEnd refused(long durationMs, String error) {
        return new RunEnd("refused", durationMs, null, null, null, null, null, null, null, error);
    }
}
