package io.goldbackup.db;

import java.sql.Connection;

/** The transaction isolation levels the service uses. */
public enum Isolation {
    /** PostgreSQL's default: each statement sees what was committed before it began. */
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    /** One snapshot for the whole transaction: a backup or a plan sees every wallet as of one instant. */
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ);

    final int jdbc;

    Isolation(int jdbc) {
        this.jdbc = jdbc;
    }
}
