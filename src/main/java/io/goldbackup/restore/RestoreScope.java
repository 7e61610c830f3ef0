package io.goldbackup.restore;

import io.goldbackup.backup.BackupPurpose;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.db.Partitions;

/**
 * The wallets a restore or dry run covers: the backup's rows, narrowed to the run's targets when it names them; and
 * the SQL fragments the restore's repositories build from it (ids only, never client text).
 *
 * @param restoreDeleted the request's {@code restoreDeleted}: re-create the backup's wallets that no longer exist
 *        live, and, restoring a safety snapshot, delete again the wallets its restore re-created
 * @param safetySnapshot the backup is a restore's safety snapshot (purpose {@code restore_safety}): restoring it
 *        undoes that restore
 */
record RestoreScope(long backupId, long runId, boolean targeted, boolean restoreDeleted, boolean safetySnapshot) {

    RestoreScope(long backupId, long runId, boolean targeted, boolean restoreDeleted) {
        this(backupId, runId, targeted, restoreDeleted, false);
    }

    /** This scope for restoring {@code backup}: knows whether that backup is a restore's safety snapshot. */
    RestoreScope of(BackupSummary backup) {
        return new RestoreScope(backupId, runId, targeted, restoreDeleted,
                backup.purpose() == BackupPurpose.RESTORE_SAFETY);
    }

    /**
     * Whether this restore deletes game rows: only an explicit undo, a restore of a safety snapshot with
     * {@code restoreDeleted}, and then only the wallets that the undone restore re-created
     * ({@link #recreatedRows()}). No other restore ever deletes a row of the game's.
     */
    boolean deletesRecreated() {
        return restoreDeleted && safetySnapshot;
    }

    /** Condition on a wallet address column: the run's targets, or true for a full restore. */
    String targets(String column) {
        return targeted
                ? "EXISTS (SELECT 1 FROM restore_run_targets t WHERE t.run_id = %d AND t.wallet_address = %s)"
                        .formatted(runId, column)
                : "true";
    }

    /** The condition selecting the backup's rows in scope, as {@code b}. */
    String where() {
        return "b.backup_id = %d AND %s".formatted(backupId, targets("b.wallet_address"));
    }

    /**
     * The backup's partition. Restore SQL names it rather than the partitioned parent: the planner has
     * statistics for the partition only, and joins planned on the parent's (none) pick nested loops.
     */
    String table() {
        return Partitions.of(backupId);
    }

    /**
     * The run's table of the wallets it changes ({@link RestoreWriteRepository#markChanges}): an unlogged table in the
     * service's schema, made and dropped inside the restore's transaction.
     */
    String changes() {
        return "restore_changes_" + runId;
    }

    /** The backup's rows in scope, as {@code b}. */
    String backupRows() {
        return table() + " b WHERE " + where();
    }

    /** The backup's rows in scope joined to their live wallet {@code g} and player {@code p}. */
    String joinedLive() {
        return table() + """
                 b
                JOIN gold_mining g ON g.wallet_address = b.wallet_address
                LEFT JOIN players p ON p.wallet_address = b.wallet_address
                WHERE\s""" + where();
    }

    /**
     * The wallets in scope that the restore which took this safety snapshot re-created (recorded with the snapshot,
     * they did not exist before that restore), as {@code a}. A wallet the snapshot holds is never among them: it
     * existed. Empty for any backup that is no safety snapshot.
     */
    String recreatedRows() {
        return """
                restore_recreated_wallets a
                WHERE a.backup_id = %d AND %s
                  AND NOT EXISTS (SELECT 1 FROM %s sb WHERE sb.wallet_address = a.wallet_address)\
                """.formatted(backupId, targets("a.wallet_address"), table());
    }
}
