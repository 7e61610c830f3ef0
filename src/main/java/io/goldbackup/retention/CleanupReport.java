package io.goldbackup.retention;

import java.time.Instant;
import java.util.List;

import io.goldbackup.offsite.ExpiredCopy;

/**
 * What a cleanup deleted, or for a dry run would delete.
 *
 * @param policy {@code retention} (each backup's expires_at) or {@code older-than-days} (daysToKeep given)
 * @param keepNewest the newest completed backups protected whatever their age
 * @param backups the backups, oldest first
 * @param deletedBackups how many
 * @param deletedWalletRows their wallet rows
 * @param bytesFreed their size on disk
 * @param offsiteCopies off-site copies past their own retention (always the configured policy, never
 *        {@code daysToKeep}); those under Object Lock are listed with their {@code retainedUntil} and kept
 * @param deletedOffsiteCopies how many of them went (or would go)
 * @param keptCorrupt backups that are due but marked corrupt: a cleanup never deletes them (they are the evidence of
 *        an integrity failure; delete one explicitly when the investigation is over)
 */
public record CleanupReport(boolean dryRun, String policy, Integer daysToKeep, int keepNewest, Instant ranAt,
        List<Candidate> backups, long deletedBackups, long deletedWalletRows, long bytesFreed,
        List<ExpiredCopy> offsiteCopies, long deletedOffsiteCopies, List<Candidate> keptCorrupt) {

    /** One backup cleanup removes. */
    public record Candidate(long id, String backupName, String backupType, String status, Instant backupTimestamp,
            Instant expiresAt, long ageDays, long sizeBytes, long walletRows) {

        /** Whether a verification marked it corrupt. */
        boolean corrupt() {
            return "corrupt".equals(status);
        }

        /** The same backup, marked corrupt since it was selected. */
        Candidate markedCorrupt() {
            return new Candidate(id, backupName, backupType, "corrupt", backupTimestamp, expiresAt, ageDays, sizeBytes,
                    walletRows);
        }
    }
}
