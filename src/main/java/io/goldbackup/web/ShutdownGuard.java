package io.goldbackup.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.core.BaseConnection;

import io.goldbackup.backup.BackupConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * A clean stop. Quarkus first lets requests in flight finish for {@code quarkus.shutdown.timeout} (a backup that
 * finishes then is completed). Then this guard refuses new operations (503), cancels once the statement of every
 * backup still running here, and waits, up to {@code gold-backup.backup.shutdown-wait}, until every operation in
 * flight has ended and written its audit event (a cancelled backup rolls back and is marked {@code failed}), before
 * the connection pool closes. So a stop within the grace period never leaves a backup {@code running}. (After a
 * hard kill PostgreSQL rolls the transaction back by itself, and the next start marks the row failed.)
 * <p>
 * Operations enter through {@code AuditTrail.record}, which every operation goes through; a backup also registers
 * the connection its snapshot runs on.
 */
@ApplicationScoped
public class ShutdownGuard {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Long, Connection> backups = new ConcurrentHashMap<>();
    private final Duration wait;
    private volatile boolean stopping;

    ShutdownGuard(BackupConfig config) {
        this.wait = config.shutdownWait();
    }

    /** Whether the service is stopping: no operation may start, and a running backup ends at its next step. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * An operation starts; pair with {@link #exit()} in a finally block.
     *
     * @throws ServiceStoppingException when the service is stopping (counted as nothing)
     */
    public void enter() {
        inFlight.incrementAndGet();
        if (stopping) {
            inFlight.decrementAndGet();
            throw new ServiceStoppingException();
        }
    }

    /** An operation that {@link #enter() entered} has ended, its audit event written. */
    public void exit() {
        inFlight.decrementAndGet();
    }

    /** Backup {@code id} takes its snapshot on {@code connection}: a stop cancels its statement. */
    public void backupStarted(long id, Connection connection) {
        backups.put(id, connection);
    }

    /** Backup {@code id} no longer runs statements that a stop should cancel. */
    public void backupFinished(long id) {
        backups.remove(id);
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        if (inFlight.get() <= 0) {
            return;
        }
        if (!backups.isEmpty()) {
            Log.warnf("Stopping: cancelling backups %s; each is rolled back and marked failed", backups.keySet());
            // Once: the backup then ends at its current statement or at its next step (it checks stopping()). A
            // second cancel could hit the statements that record the failure and release its lock.
            backups.forEach(ShutdownGuard::cancel);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            Log.errorf("Stopping: %d operation(s) did not end within %s; a backup among them is marked failed "
                    + "by the next start", inFlight.get(), wait);
        } else {
            Log.info("Stopping: every operation has ended");
        }
    }

    private static void cancel(long id, Connection connection) {
        try {
            // A cancel request on a new socket, as psql's Ctrl+C: the running statement ends with SQLSTATE 57014.
            connection.unwrap(BaseConnection.class).cancelQuery();
        } catch (SQLException e) {
            Log.debugf(e, "cancelling the statement of backup %d failed", id);
        }
    }
}
