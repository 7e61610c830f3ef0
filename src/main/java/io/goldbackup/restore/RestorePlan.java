package io.goldbackup.restore;

import java.time.Instant;
import java.util.List;

import io.goldbackup.backup.BackupSummary;

/**
 * A dry run's answer: exactly what a restore with the same request would change, computed in PostgreSQL over every
 * affected wallet.
 *
 * @param runId the dry run's entry in the restore log
 * @param scope {@code all} or {@code targets}
 * @param walletsInScope live wallets the restore would write
 * @param walletsToChange those among them whose gold, rate, level, experience or bank balance would change
 * @param targetsNotInBackup named wallets the backup does not hold (nothing to restore for them)
 * @param backupWalletsNotLive wallets in the backup (and named, for a targeted restore) that no longer exist live;
 *        a restore re-creates them only with {@code restoreDeleted}
 * @param walletsToRecreate how many wallets the restore re-creates ({@code restoreDeleted}), else 0
 * @param liveWalletsOutsideBackup for a full restore, live wallets the backup does not hold: left untouched
 * @param diffs the largest gold changes first, at most the configured number
 * @param otherChanges the changing wallets beyond the listed diffs, summed
 * @param fingerprint pass it back with the real restore to have it refused if these wallets change meanwhile
 * @param walletsToDelete restoring a safety snapshot with {@code restoreDeleted} (an undo): the wallets that the
 *        undone restore re-created (they did not exist before it), which this restore deletes again, mining and
 *        player rows; empty otherwise. No other restore deletes anything.
 * @param recreatedWalletsKept restoring a safety snapshot: the wallets its restore re-created that this restore
 *        leaves in place: those owning meks now (never deleted), or all of them without {@code restoreDeleted}
 * @param warnings what deserves a look before restoring, in words (such as re-created wallets kept)
 * @param restoreDeleted whether the plan was asked with {@code restoreDeleted} (the restore must ask the same: the
 *        fingerprint covers it); a plan reopened by its run id takes it from here
 */
public record RestorePlan(long runId, BackupSummary backup, String scope, Integer targetCount, long walletsInScope,
        long walletsToChange, List<String> targetsNotInBackup, Missing backupWalletsNotLive,
        Missing liveWalletsOutsideBackup, Totals totals, List<WalletDiff> diffs, Rest otherChanges,
        MekVerification mekVerification, String fingerprint, Instant plannedAt, long walletsToRecreate,
        Missing walletsToDelete, Missing recreatedWalletsKept, List<String> warnings, boolean restoreDeleted) {

    /** A count and the first addresses of a group. */
    public record Missing(long count, List<String> sample) {
    }

    /** Gold and gold per hour over the wallets in scope, live now and after the restore. */
    public record Totals(double goldBefore, double goldAfter, double goldDelta, double goldPerHourBefore,
            double goldPerHourAfter, double goldPerHourDelta) {
    }

    /** The changing wallets not listed in diffs. */
    public record Rest(long wallets, double goldDelta) {
    }

    /** Wallets whose meks changed since the backup: a hint that the backup may not fit them any more. */
    public record MekVerification(long walletsWithMekCountChanged, long walletsWithMekRateChanged) {
    }
}
