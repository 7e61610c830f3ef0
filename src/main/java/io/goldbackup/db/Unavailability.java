package io.goldbackup.db;

import java.net.SocketException;
import java.sql.SQLException;

/**
 * Tells a database that cannot be reached (or a pool with no connection free in time) from other failures: the
 * first is answered 503 with Retry-After, since the same request can succeed a moment later; the second is not.
 */
public final class Unavailability {

    private Unavailability() {
    }

    /** Whether {@code failure}, or one of its causes, says the database could not be reached or no connection came. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return true;
                }
                if (message.contains("acquisition timeout") || message.contains("pool is shutting down")
                        || message.contains("This connection has been closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code failure}, or one of its causes, is a unique index refusing a row (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
