package io.goldbackup.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Restoring a safety snapshot: the wallets that the restore which took it re-created ({@code restoreDeleted}) and
 * that exist now, in scope. An undo with {@code restoreDeleted} deletes those that own no meks; a wallet that owns
 * meks now (the game's, never touched) is kept, and so is every one of them when the undo does not ask for
 * {@code restoreDeleted}.
 *
 * @param withoutMeks those owning no meks: count and the first addresses
 * @param withMeks those owning meks now: count and the first addresses
 * @param liveState their live rows (mining, player, whether they own meks) condensed as count, sum and xor of row
 *        hashes, for the plan's fingerprint
 */
record RecreatedWallets(RestorePlan.Missing withoutMeks, RestorePlan.Missing withMeks, String liveState) {

    /** Restoring a backup that is no safety snapshot: nothing was re-created by it. */
    static final RecreatedWallets NONE = new RecreatedWallets(new RestorePlan.Missing(0, List.of()),
            new RestorePlan.Missing(0, List.of()), "0:0:0");

    /** What a restore of {@code scope} deletes. */
    RestorePlan.Missing toDelete(RestoreScope scope) {
        return scope.deletesRecreated() ? withoutMeks : new RestorePlan.Missing(0, List.of());
    }

    /** What a restore of {@code scope} leaves in place: those owning meks, or all without restoreDeleted. */
    RestorePlan.Missing kept(RestoreScope scope, int sample) {
        if (scope.deletesRecreated()) {
            return withMeks;
        }
        List<String> first = Stream.concat(withoutMeks.sample().stream(), withMeks.sample().stream()).sorted()
                .limit(sample).toList();
        return new RestorePlan.Missing(withoutMeks.count() + withMeks.count(), first);
    }

    /** The plan's and the run's warnings: what of it an undo leaves in place, and why. */
    List<String> warnings(RestoreScope scope) {
        List<String> warnings = new ArrayList<>();
        if (scope.deletesRecreated() && withMeks.count() > 0) {
            warnings.add(withMeks.count() + " wallet(s) that the undone restore re-created own meks now and are "
                    + "not deleted (meks are the game's and never touched), such as " + String.join(", ",
                            withMeks.sample()));
        }
        long all = withoutMeks.count() + withMeks.count();
        if (!scope.deletesRecreated() && all > 0) {
            warnings.add(all + " wallet(s) that the undone restore re-created did not exist before it and stay: "
                    + "send restoreDeleted: true to delete them again");
        }
        return warnings;
    }
}
