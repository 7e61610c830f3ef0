package io.goldbackup.restore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A plan's fingerprint: the backup, its checksum, the scope and the live state of every wallet in scope, and of every
 * wallet an undo deletes. Two plans
 * agree on it exactly when a restore would read and overwrite the same values, so a restore given the fingerprint of
 * the dry run its operator reviewed is refused if anything changed since.
 */
final class PlanFingerprint {

    private PlanFingerprint() {
    }

    /**
     * @param targets the named wallets, sorted, or null for all wallets of the backup
     * @param liveState the live state of the wallets in scope, as the plan's totals query condenses it
     * @param restoreDeleted whether the restore re-creates the wallets that no longer exist live
     * @param deletedState for an undo that deletes re-created wallets, their live state
     *        ({@link RecreatedWallets#liveState()}); null for any other restore
     */
    static String of(long backupId, String backupChecksum, List<String> targets, String liveState,
            boolean restoreDeleted, String deletedState) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("v1|" + backupId + "|" + backupChecksum + "|").getBytes(StandardCharsets.UTF_8));
            if (targets == null) {
                sha.update("all".getBytes(StandardCharsets.UTF_8));
            } else {
                for (String t : targets) {
                    sha.update((t + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            sha.update(("|" + liveState).getBytes(StandardCharsets.UTF_8));
            if (restoreDeleted) {
                // A plan that re-creates deleted wallets is another plan; without it the fingerprint is as before.
                sha.update("|restore-deleted".getBytes(StandardCharsets.UTF_8));
            }
            if (deletedState != null) {
                // What an undo deletes: a wallet that changed, or gained meks, since the dry run makes another plan.
                sha.update(("|delete:" + deletedState).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
