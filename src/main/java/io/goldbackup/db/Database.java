package io.goldbackup.db;

import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Opens {@link DbSession sessions} for long operations (backups, restores, dry runs, verifications, cleanups, jobs)
 * on the service's connection pool, at most {@code gold-backup.database.operation-sessions} at once: the rest of the
 * pool stays free for the reads of the API and the console and for the readiness check, however many long operations
 * are asked for. A session waits for its turn up to {@link #BUDGET_WAIT_SECONDS}; then the request answers 503.
 */
@ApplicationScoped
public class Database {

    /** How long a long operation waits for a session of the budget. */
    static final int BUDGET_WAIT_SECONDS = 10;

    private final AgroalDataSource dataSource;
    private final Semaphore budget;
    private final Semaphore lockBudget;

    Database(AgroalDataSource dataSource, DatabaseConfig config) {
        this.dataSource = dataSource;
        this.budget = new Semaphore(config.operationSessions(), true);
        this.lockBudget = new Semaphore(config.lockSessions(), true);
    }

    /** A session of its own, in autocommit; close it (try-with-resources) to give the connection back. */
    public DbSession open() {
        return open(budget, "long operations");
    }

    private DbSession open(Semaphore permits, String what) {
        try {
            if (!permits.tryAcquire(BUDGET_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new DatabaseException("getting a session for " + what,
                        new SQLException("Sorry, acquisition timeout! (every session for " + what + " is in use)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a session", e);
        }
        try {
            return new DbSession(Sql.call("getting a database connection", dataSource::getConnection),
                    permits::release);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * A session outside the long-operation budget (within a small budget of its own,
     * {@code gold-backup.database.lock-sessions}), for holding an advisory lock while other sessions do the work (the
     * daily job's day, the cleanup's turn): it runs only small statements, and waiting for the long-operation budget
     * while holding it could starve the work it guards.
     */
    public DbSession openForLock() {
        return open(lockBudget, "holding locks");
    }

    /** Runs {@code work} in one transaction on a session of its own. */
    public <T> T transaction(Isolation isolation, boolean readOnly, Function<DbSession, T> work) {
        try (DbSession session = open()) {
            return session.transaction(isolation, readOnly, () -> work.apply(session));
        }
    }
}
