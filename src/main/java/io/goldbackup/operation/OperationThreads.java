package io.goldbackup.operation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/**
 * The threads that run the background part of operations started with {@code Prefer: respond-async}: threads of the
 * service's own, neither the HTTP event loop nor the worker pool that answers requests, so a long backup never holds
 * a thread that requests need. Unbounded on purpose: every such operation holds a database session from the bounded
 * budgets ({@code gold-backup.database.operation-sessions}, {@code lock-sessions}) before it gets here, so those
 * budgets bound how many run at once, and a queue here would only hide a registered run that does not progress.
 * Closed after the {@link ShutdownGuard} has let every operation end.
 */
@ApplicationScoped
class OperationThreads {

    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "gold-operation-" + count.incrementAndGet());
        // A thread still running after the shutdown wait must not keep the JVM alive: recovery takes over its run.
        thread.setDaemon(true);
        return thread;
    });

    void execute(Runnable task) {
        executor.execute(task);
    }

    void stop(@Observes @Priority(10) ShutdownEvent event) {
        executor.shutdown();
    }
}
