package io.goldbackup.backup;

import java.util.Optional;

import io.goldbackup.db.Partitions;

/**
 * Which live wallets a snapshot copies: all of them (a backup), or those a restore is about to overwrite (its
 * safety snapshot). A scope is a SQL condition on a wallet address column, built from ids only, never from client
 * text, so that it can stand in a CREATE TABLE AS, which takes no bind parameters.
 */
public final class SnapshotScope {

    private static final SnapshotScope ALL = new SnapshotScope(0, Optional.empty());

    private final long backupId;
    private final Optional<Long> targetsOfRun;

    private SnapshotScope(long backupId, Optional<Long> targetsOfRun) {
        this.backupId = backupId;
        this.targetsOfRun = targetsOfRun;
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
        return new SnapshotScope(backupId, targetsOfRun);
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
        String inBackup = "EXISTS (SELECT 1 FROM %s sb WHERE sb.wallet_address = %s)"
                .formatted(Partitions.of(backupId), column);
        return targetsOfRun.map(run -> inBackup
                + " AND EXISTS (SELECT 1 FROM restore_run_targets st WHERE st.run_id = %d AND st.wallet_address = %s)"
                        .formatted(run, column))
                .orElse(inBackup);
    }
}
