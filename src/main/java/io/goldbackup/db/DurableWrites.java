package io.goldbackup.db;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Writes that must not be lost to the fault that made them necessary: marking a run failed, an audit event. One is
 * tried at once; if the database does not answer (cut off, its sessions terminated, the pool empty), it is kept and
 * tried again on a fresh connection, with a doubling pause up to {@code gold-backup.database.retry-backoff-max}, until
 * it succeeds or the process ends. Each write is idempotent or guarded by its own condition, so a retry after a
 * write whose answer was lost does no harm.
 */
@ApplicationScoped
public class DurableWrites {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "durable-writes");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, String> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Duration maxPause;

    DurableWrites(DatabaseConfig config) {
        this.maxPause = config.retryBackoffMax();
    }

    /**
     * Runs {@code write} now, and keeps trying it while it fails.
     *
     * @param what the write in words, for the log: "marking backup 12 failed"
     * @return true when written now, false when kept for later
     */
    public boolean write(String what, Runnable write) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            long id = ids.incrementAndGet();
            pending.put(id, what);
            Log.warnf("%s failed (%s); kept, and tried again until the database answers", what, e.getMessage());
            retry(id, what, write, FIRST_PAUSE, 2);
            return false;
        }
    }

    private void retry(long id, String what, Runnable write, Duration pause, int attempt) {
        executor.schedule(() -> {
            try {
                write.run();
                pending.remove(id);
                Log.infof("%s: written on attempt %d", what, attempt);
            } catch (RuntimeException e) {
                Duration next = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
                Log.debugf("%s: attempt %d failed (%s)", what, attempt, e.getMessage());
                retry(id, what, write, next, attempt + 1);
            }
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        if (!pending.isEmpty()) {
            Log.errorf("Stopping with %d write(s) the database never took: %s (the log above carries each in full)",
                    pending.size(), pending.values());
        }
    }
}
