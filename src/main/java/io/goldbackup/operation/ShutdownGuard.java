package io.goldbackup.operation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.goldbackup.db.DbSession;
import io.goldbackup.web.ServiceStoppingException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * A clean stop. Quarkus first lets requests in flight finish for {@code quarkus.shutdown.timeout} (a backup that
 * finishes then is completed). Then this guard refuses new operations (503), cancels once the running statement of
 * every session registered as cancellable (a backup's snapshot), and waits, up to
 * {@code gold-backup.operation.shutdown-wait}, until every operation in flight has ended and written its audit event
 * (a cancelled backup rolls back and is marked {@code failed}), before the connection pool closes. So a stop within
 * the grace period never leaves a backup {@code running}. (After a hard kill PostgreSQL rolls the transaction back
 * by itself, and recovery marks the row failed.)
 * <p>
 * Operations enter through {@link OperationRunner}, which every operation goes through.
 */
@ApplicationScoped
public class ShutdownGuard {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, DbSession> cancellable = new ConcurrentHashMap<>();
    private final Duration wait;
    private volatile boolean stopping;

    ShutdownGuard(OperationConfig config) {
        this.wait = config.shutdownWait();
    }

    /** Whether the service is stopping: no operation may start, and a running backup ends at its next step. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Ends the work here with {@link ServiceStoppingException} when the service is stopping: long work calls it
     * between its steps (a cancel only reaches a running statement).
     */
    public void continueUnlessStopping() {
        if (stopping) {
            throw new ServiceStoppingException();
        }
    }

    /**
     * An operation starts; pair with {@link #exit()} in a finally block.
     *
     * @throws ServiceStoppingException when the service is stopping (counted as nothing)
     */
    void enter() {
        inFlight.incrementAndGet();
        if (stopping) {
            inFlight.decrementAndGet();
            throw new ServiceStoppingException();
        }
    }

    /** An operation that {@link #enter() entered} has ended, its audit event written. */
    void exit() {
        inFlight.decrementAndGet();
    }

    /** The statements of {@code session} are cancelled when the service stops; {@code name} says whose, in logs. */
    public void cancelOnStop(String name, DbSession session) {
        cancellable.put(name, session);
    }

    /** {@code name} no longer runs statements that a stop should cancel. */
    public void noLongerCancellable(String name) {
        cancellable.remove(name);
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        if (inFlight.get() <= 0) {
            return;
        }
        if (!cancellable.isEmpty()) {
            Log.warnf("Stopping: cancelling %s; each is rolled back and marked failed", cancellable.keySet());
            // Once: the work then ends at its current statement or at its next step (it checks stopping()). A second
            // cancel could hit the statements that record the failure and release its lock.
            cancellable.values().forEach(DbSession::cancelRunningStatement);
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
            Log.errorf("Stopping: %d operation(s) did not end within %s; recovery marks a run among them failed",
                    inFlight.get(), wait);
        } else {
            Log.info("Stopping: every operation has ended");
        }
    }
}
