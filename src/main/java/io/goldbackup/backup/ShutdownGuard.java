package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.core.BaseConnection;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * A clean stop while a backup runs. Quarkus first lets requests in flight finish for {@code quarkus.shutdown.timeout}
 * (a backup that finishes then is completed). Then this guard refuses new backups, cancels the statement of every
 * backup still running on this instance, and waits until each has rolled back and been marked {@code failed},
 * before the connection pool closes. A backup is never left {@code running} by a stop within the grace period.
 * (After a hard kill PostgreSQL rolls the transaction back by itself, and the next start marks the row failed.)
 */
@ApplicationScoped
public class ShutdownGuard {

    private final Map<Long, Connection> running = new ConcurrentHashMap<>();
    private final Duration wait;
    private volatile boolean stopping;

    ShutdownGuard(BackupConfig config) {
        this.wait = config.shutdownWait();
    }

    /** Whether the service is stopping: no backup may start or go on. */
    public boolean stopping() {
        return stopping;
    }

    void started(long backupId, Connection connection) {
        running.put(backupId, connection);
    }

    void finished(long backupId) {
        running.remove(backupId);
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        if (running.isEmpty()) {
            return;
        }
        Log.warnf("Stopping: cancelling backups %s; each is rolled back and marked failed", running.keySet());
        long deadline = System.nanoTime() + wait.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            running.forEach((id, connection) -> cancel(id, connection));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!running.isEmpty()) {
            Log.errorf("Stopping: backups %s did not end within %s; the next start marks them failed",
                    running.keySet(), wait);
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
