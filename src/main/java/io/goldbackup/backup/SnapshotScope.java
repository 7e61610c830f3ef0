package io.goldbackup.backup;

import java.util.Optional;

import io.goldbackup.db.Partitions;

/**
 * Which live wallets a snapshot copies: all of them (a backup), or those a restore is about to overwrite or delete (its
 * safety snapshot). A scope is a SQL condition on a wallet address column, built from ids only, never from client
 * text, so that it can stand in a CREATE TABLE AS, which takes no bind parameters.
 */
public final class SnapshotScope {

    private static final SnapshotScope ALL = new SnapshotScope(0, Optional.empty(), false);

    private final long backupId;
    private final Optional<Long> targetsOfRun;
    private final boolean withRecreated;

    private SnapshotScope(long backupId, Optional<Long> targetsOfRun, boolean withRecreated) {
        this.backupId = backupId;
        this.targetsOfRun = targetsOfRun;
        this.withRecreated = withRecreated;
    }

    /** Every live wallet. */
    public static SnapshotScope all() {
        return ALL;
    }

    /**
     * The live wallets that backup {@code backupId} holds, and if {@code targetsOfRun} is present only those
     * among them listed in {@code restore_run_targets} for that run.
     */
    public static SnapshotScope walletsOf(long backupId, Optional<Long> targetsOfRun) {
        return new SnapshotScope(backupId, targetsOfRun, false);
    }

    /**
     * As {@link #walletsOf(long, Optional)}, and also the live wallets that the restore which took safety snapshot
     * {@code backupId} re-created and that own no meks: the wallets an undo deletes, so that its own safety snapshot
     * holds them and the undo can be undone in turn.
     */
    public static SnapshotScope walletsAndRecreatedOf(long backupId, Optional<Long> targetsOfRun) {
        return new SnapshotScope(backupId, targetsOfRun, true);
    }

    public boolean isAll() {
        return this == ALL;
    }

    /**
     * The condition on the meks to aggregate, a cheaper superset of the scope: a targeted scope's named wallets,
     * otherwise all meks. Aggregating all eight million meks in parallel and dropping the extra groups in the join
     * costs a quarter of probing the backup for each of them.
     */
    public String onMeks(String column) {
        return targetsOfRun.map(
                run -> "EXISTS (SELECT 1 FROM restore_run_targets st WHERE st.run_id = %d AND st.wallet_address = %s)"
                        .formatted(run, column))
                .orElse("true");
    }

    /** The condition on {@code column}, a wallet address. */
    public String on(String column) {
        if (isAll()) {
            return "true";
        }
        // The partition itself, not the parent: the planner has statistics for the partition only, and with the
        // parent's (none) it estimates 200 wallets and picks a nested loop over a million.
        String held = "EXISTS (SELECT 1 FROM %s sb WHERE sb.wallet_address = %s)"
                .formatted(Partitions.of(backupId), column);
        String inBackup = !withRecreated
                ? held
                : "(" + held + " OR (EXISTS (SELECT 1 FROM restore_recreated_wallets sr WHERE sr.backup_id = "
                        + backupId + " AND sr.wallet_address = " + column + ") AND NOT EXISTS (SELECT 1 FROM "
                        + "owned_meks sm WHERE sm.wallet_address = " + column + ")))";
        return targetsOfRun.map(run -> inBackup
                + " AND EXISTS (SELECT 1 FROM restore_run_targets st WHERE st.run_id = %d AND st.wallet_address = %s)"
                        .formatted(run, column))
                .orElse(inBackup);
    }
}
