package io.goldbackup.backup;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.goldbackup.web.TextRules;

/**
 * The body of {@code POST /backups}, with the seed's argument names. Who triggered it is never taken from here:
 * it is the caller's token subject.
 *
 * @param backupType one of the five types
 * @param backupName optional; the seed's naming applies when absent (see {@link BackupNaming})
 * @param notes optional free text
 */
public record CreateBackupRequest(
        @NotNull(message = "is required") BackupType backupType,
        @Size(max = CreateBackupRequest.MAX_NAME_LENGTH, message = "must be at most 200 characters") @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE) String backupName,
        @Size(max = 2000, message = "must be at most 2000 characters") @Pattern(regexp = TextRules.NOTES, message = TextRules.NOTES_MESSAGE) String notes) {

    /** The longest {@code backupName} accepted, in UTF-16 characters (also for the one-shot job's description). */
    public static final int MAX_NAME_LENGTH = 200;
}
