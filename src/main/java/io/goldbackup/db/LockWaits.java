package io.goldbackup.db;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Bounded waits for the live tables' locks. A lock request that waits (behind a long game transaction, a migration)
 * makes every later lock request on that table wait behind it, so the game's writes would stall for as long as a
 * backup or restore waits. Instead each attempt waits at most {@code gold-backup.database.lock-timeout}
 * ({@code lock_timeout}), gives the lock up, pauses (doubling, up to 10 s) so the game's queue drains, and tries again,
 * for at most {@code gold-backup.database.lock-wait-total}; then the operation fails, naming what it could not lock.
 */
@ApplicationScoped
public class LockWaits {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final DatabaseConfig config;

    LockWaits(DatabaseConfig config) {
        this.config = config;
    }

    /** The {@code lock_timeout} of one attempt. */
    public Duration attemptTimeout() {
        return config.lockTimeout();
    }

    /**
     * Runs {@code attempt} (a whole transaction that takes its locks with {@link DbSession#useLockTimeout}) until it
     * gets through without a lock timeout (SQLSTATE 55P03), or the total wait runs out.
     *
     * @param what what is locked, for the failure: "the tables gold_mining, owned_meks and players"
     * @param checkpoint run before each further try; it throws to end the waiting (the service is stopping)
     * @throws LockWaitExceededException when the total wait ran out
     */
    public <T> T retry(String what, Runnable checkpoint, Supplier<T> attempt) {
        long deadline = System.nanoTime() + config.lockWaitTotal().toNanos();
        Duration pause = FIRST_PAUSE;
        for (int tries = 1;; tries++) {
            try {
                return attempt.get();
            } catch (DatabaseException e) {
                if (!"55P03".equals(e.sqlState())) {
                    throw e;
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new LockWaitExceededException("could not lock " + what + " within "
                            + config.lockWaitTotal().toSeconds() + " s (" + tries + " attempts of "
                            + config.lockTimeout().toMillis() + " ms): another transaction holds a conflicting lock");
                }
                Log.infof("Lock on %s not granted within %d ms (attempt %d); trying again in %d ms", what,
                        config.lockTimeout().toMillis(), tries, pause.toMillis());
                sleep(pause);
                checkpoint.run();
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock", e);
        }
    }

    /** The total wait for a lock ran out. */
    public static class LockWaitExceededException extends RuntimeException {
        public LockWaitExceededException(String message) {
            super(message);
        }
    }
}
