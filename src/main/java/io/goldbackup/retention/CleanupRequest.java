package io.goldbackup.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /cleanup}, with the seed's argument names.
 *
 * @param daysToKeep optional: delete backups older than this many days, whatever their type, instead of the
 *        per-type retention
 * @param dryRun required: true lists what would go, false deletes
 * @param confirmationCode {@value CleanupService#CONFIRMATION_CODE}, required for a real cleanup; a dry run needs none
 */
public record CleanupRequest(
        @Min(value = 0, message = "must be 0 or more") @Max(value = 36500, message = "must be at most 36500") Integer daysToKeep,
        @NotNull(message = "is required: true for a preview, false to delete") Boolean dryRun,
        @Size(max = 100, message = "must be at most 100 characters") String confirmationCode) {
}
