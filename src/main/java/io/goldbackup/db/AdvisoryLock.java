package io.goldbackup.db;

/**
 * Every PostgreSQL advisory lock the service takes, in one place: a namespace each (the first key of the two-key
 * form), so that no two features can collide. Session-level locks are held by the session doing the work for as
 * long as it runs; recovery tells a live run from an orphan by trying the run's lock ({@link #tryInTransactionSql}).
 */
public enum AdvisoryLock {

    /** Held by the session taking a backup; key: the backup id. */
    BACKUP(0x60_1d_ba_c0),
    /** Held by the session of a real restore; key: the run id. */
    RESTORE(0x60_1d_2e_57),
    /** Held while a cleanup runs, one at a time across replicas; key: 0. */
    CLEANUP(0x60_1d_c1_ea),
    /** Held while a replica takes the day's scheduled backup; key: the UTC day as days since the epoch. */
    DAILY_BACKUP(0x60_1d_da_17),
    /** Held by the session writing an off-site copy; key: the copy's id. */
    OFFSITE_COPY(0x60_1d_0f_f5),
    /** Held while an off-site copy is imported; key: the import's id ({@code offsite_imports}). */
    OFFSITE_IMPORT(0x60_1d_1a_b0),
    /** Held while a run of the scheduled verification goes through the due backups, one run across replicas; key: 0. */
    VERIFY(0x60_1d_5e_a1),
    /** Held by the session running a restore drill; key: the drill's id. */
    DRILL(0x60_1d_d2_11),
    /** Held while a replica runs the scheduled drills of a slot; key: the UTC day as days since the epoch. */
    DRILL_SCHEDULE(0x60_1d_d2_5c);

    private final int namespace;

    AdvisoryLock(int namespace) {
        this.namespace = namespace;
    }

    /** The first key of the two-key lock functions. */
    public int namespace() {
        return namespace;
    }

    /**
     * A SQL condition that is true when the lock for the key in {@code keyColumn} is free, taking it until the end
     * of the statement's transaction (so a run found free cannot be taken up again meanwhile). The namespace is a
     * constant of this enum, never input.
     */
    public String tryInTransactionSql(String keyColumn) {
        return "pg_try_advisory_xact_lock(" + namespace + ", " + keyColumn + "::integer)";
    }
}
