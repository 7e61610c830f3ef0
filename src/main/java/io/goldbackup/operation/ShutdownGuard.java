package io.goldbackup.operation;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.goldbackup.db.DbSession;
import io.goldbackup.web.ServiceStoppingException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * A clean stop that answers everyone. On SIGTERM (a JVM shutdown hook, which runs beside Quarkus' own) the guard
 * refuses new operations at once (503) and lets those in flight run on while Quarkus lets their requests finish
 * ({@code quarkus.shutdown.timeout}, 20 s); shortly before that runs out ({@code timeout - min(5 s, timeout / 2)}) it
 * cancels the running statement of every session registered as cancellable (a backup's snapshot, a restore, a dry
 * run). Each cancelled operation rolls back, records its run as {@code failed} and answers its request 503 naming the
 * stop, while the HTTP server still answers. The {@link ShutdownEvent} then waits, up to
 * {@code gold-backup.operation.shutdown-wait}, until every operation has ended and written its audit event, before the
 * connection pool closes. So a stop within the grace period leaves nothing {@code running} and no request without an
 * answer. (After a hard kill PostgreSQL rolls the transaction back by itself, and recovery marks the run failed.)
 * <p>
 * Operations enter through {@link OperationRunner}, which every operation goes through.
 */
@ApplicationScoped
public class ShutdownGuard {

    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, DbSession> cancellable = new ConcurrentHashMap<>();
    private final Duration wait;
    private final Duration cancelAfter;
    private final Thread hook = new Thread(this::onSigterm, "shutdown-guard");
    private volatile boolean stopping;
    private volatile boolean cancelling;

    ShutdownGuard(OperationConfig config,
            @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> requestTimeout) {
        this.wait = config.shutdownWait();
        Duration timeout = requestTimeout.orElse(Duration.ZERO);
        Duration margin = timeout.dividedBy(2).compareTo(MARGIN) < 0 ? timeout.dividedBy(2) : MARGIN;
        this.cancelAfter = timeout.minus(margin);
    }

    void start(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** On SIGTERM: no new operation; those in flight get until shortly before the request timeout, then a cancel. */
    private void onSigterm() {
        stopping = true;
        long deadline = System.nanoTime() + cancelAfter.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            pause();
        }
        endInFlight();
    }

    /** Whether the service is stopping: no operation may start. Those in flight run on until {@link #cancelling()}. */
    public boolean stopping() {
        return stopping;
    }

    /** Whether operations in flight are being cancelled: a long operation ends at its next step, answering 503. */
    public boolean cancelling() {
        return cancelling;
    }

    /**
     * Ends the work here with {@link ServiceStoppingException} when the service is stopping: long work calls it
     * between its steps (a cancel only reaches a running statement).
     */
    public void continueUnlessStopping() {
        if (cancelling) {
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
        if (cancelling) {
            // Registered after the cancel went out: end it here rather than let it run past the grace period.
            cancellable.remove(name);
            throw new ServiceStoppingException();
        }
    }

    /** {@code name} no longer runs statements that a stop should cancel. */
    public void noLongerCancellable(String name) {
        cancellable.remove(name);
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook runs, or ran.
        }
        endInFlight();
    }

    /** Cancels what still runs and waits, up to the shutdown wait, until every operation has ended. */
    private synchronized void endInFlight() {
        if (inFlight.get() <= 0) {
            return;
        }
        cancelRunning();
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            pause();
        }
        if (inFlight.get() > 0) {
            Log.errorf("Stopping: %d operation(s) did not end within %s; recovery marks a run among them failed",
                    inFlight.get(), wait);
        } else {
            Log.info("Stopping: every operation has ended");
        }
    }

    /**
     * Cancels, once each, the statements of the sessions registered now: the work then ends at its current statement
     * or at its next step (it checks {@link #stopping()}). A second cancel could hit the statements that record the
     * failure and release its lock.
     */
    private void cancelRunning() {
        cancelling = true;
        if (cancellable.isEmpty()) {
            return;
        }
        Log.warnf("Stopping: cancelling backups and other long operations %s; each is rolled back and marked failed",
                cancellable.keySet());
        cancellable.values().forEach(DbSession::cancelRunningStatement);
        cancellable.clear();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
