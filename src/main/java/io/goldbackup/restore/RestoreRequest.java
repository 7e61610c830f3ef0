package io.goldbackup.restore;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /restores}, with the seed's argument names.
 *
 * @param backupId the backup to restore from
 * @param targetWallets the wallets to restore; absent for all wallets of the backup
 * @param confirmationCode {@value RestoreService#CONFIRMATION_CODE}, required for a real restore
 * @param dryRun required: true for the plan only, false to restore
 * @param fingerprint optional: the plan's fingerprint; the restore is refused if the wallets changed since
 * @param restoreDeleted optional, default false: also re-create the wallets (mining and player rows) the backup holds
 *        that no longer exist live, as after the loss of the game's tables
 * @param force optional, default false: restore (or plan) from a backup marked corrupt, or one that fails its
 *        verification now; needs backup-admin and is audited as forced
 */
public record RestoreRequest(
        @NotNull(message = "is required") @Positive(message = "must be a positive id") Long backupId,
        List<String> targetWallets,
        @Size(max = 100, message = "must be at most 100 characters") String confirmationCode,
        @NotNull(message = "is required: true for a preview, false to restore") Boolean dryRun,
        @Size(max = 200, message = "must be at most 200 characters") String fingerprint,
        Boolean restoreDeleted,
        Boolean force) {

    /** Whether deleted wallets are re-created; absent means no. */
    public boolean recreates() {
        return Boolean.TRUE.equals(restoreDeleted);
    }

    /** Whether the request forces the use of a corrupt backup; absent means no. */
    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
