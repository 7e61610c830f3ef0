package io.goldbackup.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;

import org.postgresql.core.BaseConnection;

import io.quarkus.logging.Log;

/**
 * One database session held for the length of an operation: a backup or restore keeps its session so that the
 * advisory lock marking it alive lives exactly as long as its work, across the transactions it runs. Services hold
 * a session and pass it to repositories; only repositories (and this package) look at its JDBC connection.
 */
public final class DbSession implements AutoCloseable {

    private final Connection connection;
    private final Runnable onClose;

    DbSession(Connection connection, Runnable onClose) {
        this.connection = connection;
        this.onClose = onClose;
    }

    /** The JDBC connection, for repositories. */
    public Connection connection() {
        return connection;
    }

    /**
     * Runs {@code work} in one transaction on this session: committed when it returns, rolled back when it throws.
     * Isolation and read-only apply to this transaction only; the session is left in autocommit, read committed.
     */
    public <T> T transaction(Isolation isolation, boolean readOnly, Supplier<T> work) {
        Sql.run("starting a transaction", () -> {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(isolation.jdbc);
            connection.setReadOnly(readOnly);
        });
        boolean committed = false;
        try {
            T result = work.get();
            Sql.run("committing", connection::commit);
            committed = true;
            return result;
        } finally {
            if (!committed) {
                rollbackQuietly();
            }
            reset();
        }
    }

    /**
     * Runs {@code work} in one read-write transaction that is always rolled back, whatever it answers: scratch work
     * (a restore drill's tables) leaves nothing behind, also when the process dies in the middle, since PostgreSQL
     * rolls back the transaction of a session that ends.
     */
    public <T> T discarded(Isolation isolation, Supplier<T> work) {
        Sql.run("starting a transaction", () -> {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(isolation.jdbc);
            connection.setReadOnly(false);
        });
        try {
            return work.get();
        } finally {
            rollbackQuietly();
            reset();
        }
    }

    /** {@link #transaction(Isolation, boolean, Supplier)} in read committed, read-write. */
    public <T> T transaction(Supplier<T> work) {
        return transaction(Isolation.READ_COMMITTED, false, work);
    }

    /** Takes the session-level lock {@code lock}/{@code key}, waiting for it. */
    public void lock(AdvisoryLock lock, long key) {
        Sql.run("taking the " + lock + " lock", () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                ps.setInt(1, lock.namespace());
                ps.setInt(2, Math.toIntExact(key));
                ps.execute();
            }
        });
    }

    /**
     * Waits for the session-level lock {@code lock}/{@code key}, trying it every half second (a blocking
     * {@code pg_advisory_lock} would outlast the network timeout while another replica works), for at most
     * {@code max}; true when taken.
     */
    public boolean awaitLock(AdvisoryLock lock, long key, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!tryLock(lock, key)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Takes the session-level lock {@code lock}/{@code key} if it is free; true when taken. */
    public boolean tryLock(AdvisoryLock lock, long key) {
        return Sql.call("trying the " + lock + " lock", () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, lock.namespace());
                ps.setInt(2, Math.toIntExact(key));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * Releases the lock. A failure is logged, not thrown: the lock goes with the session at the latest, and an
     * operation's outcome must not be lost to its clean-up.
     */
    public void unlockQuietly(AdvisoryLock lock, long key) {
        try {
            rollbackIfOpen();
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, lock.namespace());
                ps.setInt(2, Math.toIntExact(key));
                ps.execute();
            }
        } catch (SQLException e) {
            // The pool would hand this connection, lock and all, to the next caller: throw it away instead, and
            // PostgreSQL releases the lock with the session.
            Log.warnf(e, "Releasing the %s lock %d failed; the connection is discarded to release it", lock, key);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                Log.debug("aborting a connection failed", ignored);
            }
        }
    }

    /**
     * Fixes, for the current transaction, the settings PostgreSQL's text of rows depends on (time zone, date style,
     * float digits). Anything that hashes that text uses it: backup checksums and restore fingerprints.
     */
    public void useCanonicalText() {
        Sql.run("fixing the canonical text settings", () -> {
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCAL TimeZone = 'UTC'");
                st.execute("SET LOCAL DateStyle = 'ISO, YMD'");
                st.execute("SET LOCAL extra_float_digits = 1");
            }
        });
    }

    /**
     * How long a lock request of the current transaction may wait before it fails with SQLSTATE 55P03; zero for no
     * limit (PostgreSQL's default).
     */
    public void useLockTimeout(Duration timeout) {
        Sql.run("setting the lock timeout", () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                ps.setString(1, timeout.toMillis() + "ms");
                ps.execute();
            }
        });
    }

    /** Memory for hash aggregates and index builds, for the current transaction. */
    public void useWorkMemory(String workMem, String maintenanceWorkMem) {
        Sql.run("setting work memory", () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT set_config('work_mem', ?, true), set_config('maintenance_work_mem', ?, true)")) {
                ps.setString(1, workMem);
                ps.setString(2, maintenanceWorkMem);
                ps.execute();
            }
        });
    }

    /**
     * Cancels the statement running on this session, as psql's Ctrl+C does (a cancel request on a new socket): it
     * ends with SQLSTATE 57014. Safe to call from another thread.
     */
    public void cancelRunningStatement() {
        try {
            connection.unwrap(BaseConnection.class).cancelQuery();
        } catch (SQLException e) {
            Log.debugf(e, "cancelling a statement failed");
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            Log.debugf(e, "closing a session failed");
        } finally {
            onClose.run();
        }
    }

    private void rollbackIfOpen() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            Log.debugf(e, "rolling back failed");
        }
    }

    private void reset() {
        try {
            connection.setAutoCommit(true);
            connection.setReadOnly(false);
            connection.setTransactionIsolation(Isolation.READ_COMMITTED.jdbc);
        } catch (SQLException e) {
            Log.debugf(e, "resetting a session failed");
        }
    }
}
