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

    Database(AgroalDataSource dataSource, DatabaseConfig config) {
        this.dataSource = dataSource;
        this.budget = new Semaphore(config.operationSessions(), true);
    }

    /** A session of its own, in autocommit; close it (try-with-resources) to give the connection back. */
    public DbSession open() {
        try {
            if (!budget.tryAcquire(BUDGET_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new DatabaseException("getting a session for a long operation",
                        new SQLException("Sorry, acquisition timeout! (every session for long operations is in use)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a session", e);
        }
        try {
            return new DbSession(Sql.call("getting a database connection", dataSource::getConnection),
                    budget::release);
        } catch (RuntimeException e) {
            budget.release();
            throw e;
        }
    }

    /**
     * A session outside the long-operation budget, for holding an advisory lock while other sessions do the work
     * (the daily job's day, the cleanup's turn): it runs only small statements, and waiting for the budget while
     * holding it could starve the work it guards.
     */
    public DbSession openForLock() {
        return new DbSession(Sql.call("getting a database connection", dataSource::getConnection), () -> {
        });
    }

    /** Runs {@code work} in one transaction on a session of its own. */
    public <T> T transaction(Isolation isolation, boolean readOnly, Function<DbSession, T> work) {
        try (DbSession session = open()) {
            return session.transaction(isolation, readOnly, () -> work.apply(session));
        }
    }
}
