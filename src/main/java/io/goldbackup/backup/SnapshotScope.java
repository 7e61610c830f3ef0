package io.goldbackup.backup;

import java.util.regex.Pattern;

/**
 * Which live wallets a snapshot copies: all of them (a backup), or those a restore is about to overwrite or delete (its
 * safety snapshot). A scope is a SQL condition on a live {@code gold_mining} row, built from ids and names the service
 * makes only, never from client text, so that it can stand in a CREATE TABLE AS, which takes no bind parameters.
 */
public final class SnapshotScope {

    private static final SnapshotScope ALL = new SnapshotScope(0, null, false, false);

    /** The restore's table of the wallets it changes: made by the service from a run id, checked all the same. */
    private static final Pattern TABLE = Pattern.compile("restore_changes_[0-9]+");

    private final long backupId;
    private final String changes;
    private final boolean withRecreated;
    private final boolean most;

    private SnapshotScope(long backupId, String changes, boolean withRecreated, boolean most) {
        this.backupId = backupId;
        this.changes = changes;
        this.withRecreated = withRecreated;
        this.most = most;
    }

    /** Every live wallet. */
    public static SnapshotScope all() {
        return ALL;
    }

    /**
     * What a restore of backup {@code backupId} overwrites: the live wallets listed in {@code changes}, the table in
     * which the restore, under its lock and at its time, put the wallets whose restored fields differ (the predicate it
     * writes by). With {@code withRecreated}, also the live wallets that the restore which took safety snapshot
     * {@code backupId} re-created and that own no meks: the wallets an undo deletes, so that its own safety snapshot
     * holds them and the undo can be undone in turn. {@code most}: the changes are a large part of the live wallets, so
     * that aggregating all meks in parallel (as a backup does) costs less than picking theirs.
     */
    public static SnapshotScope changedBy(long backupId, String changes, boolean withRecreated, boolean most) {
        if (!TABLE.matcher(changes).matches()) {
            throw new IllegalArgumentException("not a restore's table of changes: " + changes);
        }
        return new SnapshotScope(backupId, changes, withRecreated, most);
    }

    public boolean isAll() {
        return this == ALL;
    }

    /**
     * The condition on the meks to aggregate: a restore's changed wallets (the re-created wallets it adds own no meks),
     * otherwise all meks. A restore of 1% of a million wallets aggregates their meks by index, not all eight million.
     */
    public String onMeks(String column) {
        return readsAllMeks() ? "true" : changed(column);
    }

    private String changed(String column) {
        return "EXISTS (SELECT 1 FROM %s sc WHERE sc.wallet_address = %s)".formatted(changes, column);
    }

    /**
     * The copy aggregates every mek: a backup, or the safety snapshot of a restore of most wallets. Otherwise it picks
     * the few wallets' rows (and meks) through their keys.
     */
    public boolean readsAllMeks() {
        return isAll() || most;
    }

    /** The condition on live row {@code mining} of {@code gold_mining}. */
    public String on(String mining) {
        if (isAll()) {
            return "true";
        }
        String column = mining + ".wallet_address";
        String changed = changed(column);
        return !withRecreated
                ? changed
                : "(" + changed + " OR (EXISTS (SELECT 1 FROM restore_recreated_wallets sr WHERE sr.backup_id = "
                        + backupId + " AND sr.wallet_address = " + column + ") AND NOT EXISTS (SELECT 1 FROM "
                        + "owned_meks sm WHERE sm.wallet_address = " + column + ") AND NOT EXISTS (SELECT 1 FROM "
                        + "gold_backup_wallets_" + backupId + " sb WHERE sb.wallet_address = " + column + ")))";
    }
}
