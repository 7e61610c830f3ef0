package io.goldbackup.db;

import java.sql.SQLException;

/**
 * A database failure, unchecked, with PostgreSQL's SQLSTATE. Repositories turn every {@link SQLException} into one,
 * so that services decide on meaning ({@link #uniqueViolation()}, {@link #cancelled()}) without touching JDBC.
 */
public class DatabaseException extends RuntimeException {

    private final String sqlState;

    public DatabaseException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** PostgreSQL's SQLSTATE, or null when the driver gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** A unique index refused the row (SQLSTATE 23505). */
    public boolean uniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** The statement was cancelled (SQLSTATE 57014): a stop, or a statement timeout. */
    public boolean cancelled() {
        return "57014".equals(sqlState);
    }

    /** The database's own words and the SQLSTATE, fit for a run's record: no class names. */
    public String reason() {
        return getCause().getMessage() + " (SQLSTATE " + sqlState + ")";
    }
}
