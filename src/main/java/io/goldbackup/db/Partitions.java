package io.goldbackup.db;

/**
 * The names of the tables that hold backup rows: {@code gold_backup_wallets}, partitioned by LIST (backup_id), and
 * one partition {@code gold_backup_wallets_<id>} per backup. Ids come from the database, never from a client.
 */
public final class Partitions {

    /** The partitioned parent. */
    public static final String PARENT = "gold_backup_wallets";

    /** A regular expression matching every backup partition and its key index, for catalog queries. */
    public static final String CATALOG_PATTERN = "^gold_backup_wallets_[0-9]+(_pkey)?$";

    private Partitions() {
    }

    /** The partition of backup {@code backupId}. */
    public static String of(long backupId) {
        return PARENT + "_" + backupId;
    }
}
