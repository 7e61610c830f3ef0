package io.goldbackup.backup;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.goldbackup.db.Partitions;
import io.goldbackup.gamestate.RestoredFields;

/**
 * Which live wallets a snapshot copies: all of them (a backup), or those a restore is about to overwrite or delete (its
 * safety snapshot). A scope is a SQL condition on a live {@code gold_mining} row and its player row, built from ids and
 * the restore's time only, never from client text, so that it can stand in a CREATE TABLE AS, which takes no bind
 * parameters.
 */
public final class SnapshotScope {

    private static final SnapshotScope ALL = new SnapshotScope(0, Optional.empty(), false, null);

    private final long backupId;
    private final Optional<Long> targetsOfRun;
    private final boolean withRecreated;
    private final Instant restoredAt;

    private SnapshotScope(long backupId, Optional<Long> targetsOfRun, boolean withRecreated, Instant restoredAt) {
        this.backupId = backupId;
        this.targetsOfRun = targetsOfRun;
        this.withRecreated = withRecreated;
        this.restoredAt = restoredAt;
    }

    /** Every live wallet. */
    public static SnapshotScope all() {
        return ALL;
    }

    /**
     * What a restore of backup {@code backupId} at {@code restoredAt} overwrites: the live wallets that backup holds
     * whose restored fields differ from it then ({@link RestoredFields#differ}, the predicate the restore writes by),
     * and if {@code targetsOfRun} is present only those among them listed in {@code restore_run_targets} for that run.
     * With {@code withRecreated}, also the live wallets that the restore which took safety snapshot {@code backupId}
     * re-created and that own no meks: the wallets an undo deletes, so that its own safety snapshot holds them and the
     * undo can be undone in turn.
     */
    public static SnapshotScope overwrittenBy(long backupId, Optional<Long> targetsOfRun, boolean withRecreated,
            Instant restoredAt) {
        return new SnapshotScope(backupId, targetsOfRun, withRecreated, restoredAt.truncatedTo(ChronoUnit.MICROS));
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

    /**
     * The condition on live row {@code mining} of {@code gold_mining} and its player row {@code player} (left-joined,
     * null columns when the wallet has none).
     */
    public String on(String mining, String player) {
        if (isAll()) {
            return "true";
        }
        String column = mining + ".wallet_address";
        // The partition itself, not the parent: the planner has statistics for the partition only, and with the
        // parent's (none) it estimates 200 wallets and picks a nested loop over a million. One semi-join with the
        // difference as its filter: the copy stays one parallel CREATE TABLE AS.
        String asOf = "'" + DateTimeFormatter.ISO_INSTANT.format(restoredAt) + "'::timestamptz";
        String overwritten = "EXISTS (SELECT 1 FROM %s sb WHERE sb.wallet_address = %s AND %s)"
                .formatted(Partitions.of(backupId), column, RestoredFields.differ(mining, player, "sb", asOf));
        String inBackup = !withRecreated
                ? overwritten
                : "(" + overwritten + " OR (EXISTS (SELECT 1 FROM restore_recreated_wallets sr WHERE sr.backup_id = "
                        + backupId + " AND sr.wallet_address = " + column + ") AND NOT EXISTS (SELECT 1 FROM "
                        + "owned_meks sm WHERE sm.wallet_address = " + column + ")))";
        return targetsOfRun.map(run -> inBackup
                + " AND EXISTS (SELECT 1 FROM restore_run_targets st WHERE st.run_id = %d AND st.wallet_address = %s)"
                        .formatted(run, column))
                .orElse(inBackup);
    }
}
