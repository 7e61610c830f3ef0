package io.goldbackup.restore;

import io.goldbackup.db.Partitions;

/**
 * The wallets a restore or dry run covers: the backup's rows, narrowed to the run's targets when it names them; and
 * the SQL fragments the restore's repositories build from it (ids only, never client text).
 */
record RestoreScope(long backupId, long runId, boolean targeted, boolean restoreDeleted) {

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
}
