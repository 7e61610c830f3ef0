package io.goldbackup.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.goldbackup.gamestate.LiveTablesRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Reads the backup metadata and checks the game's tables ({@link LiveTablesRepository}) in the background, every {@code gold-backup.health.database-check-interval}, and keeps
 * the last answer for the readiness probe. The read is the database check too: one small metadata query that
 * succeeds only when the database is reachable and the schema is there.
 * <p>
 * Why not query the database on every probe: on a busy database server the probe's round trips queue behind the
 * backup's parallel workers, so its latency would follow the heaviest work the pod does, and kubelets, several
 * replicas and monitoring together call it far more often than the database needs measuring. Here a probe costs no
 * database work at all; it says DOWN when the last check failed (the database is unreachable, or no pooled
 * connection came free within the acquisition timeout: then the pod cannot serve either) or is older than
 * {@code gold-backup.health.database-stale-after} (the check hangs).
 */
@ApplicationScoped
public class DatabaseWatch {

    private final BackupIndicators indicators;
    private final LiveTablesRepository liveTables;
    private final HealthConfig config;
    private volatile Check last;

    DatabaseWatch(BackupIndicators indicators, LiveTablesRepository liveTables, HealthConfig config) {
        this.indicators = indicators;
        this.liveTables = liveTables;
        this.config = config;
    }

    /**
     * One check.
     *
     * @param reading the indicators, or null when the check failed
     * @param liveProblems what is wrong with the game's tables (empty: nothing), or null when the check failed
     * @param error why the check failed, or null
     * @param at when the check finished (wall clock, for the probe's data)
     * @param finishedNanos when the check finished ({@link System#nanoTime()}, for staleness)
     */
    public record Check(BackupIndicators.Reading reading, List<String> liveProblems, String error, Instant at,
            long finishedNanos) {

        public boolean ok() {
            return reading != null;
        }
    }

    /** The first reading is taken at start, so that no probe ever waits for the database. */
    void start(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(identity = "database-watch", every = "${gold-backup.health.database-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refresh();
    }

    /** Checks now and keeps the answer. */
    public Check refresh() {
        Check check;
        try {
            check = new Check(indicators.read(false), liveTables.problems(), null, Instant.now(), System.nanoTime());
        } catch (RuntimeException e) {
            Check previous = last;
            if (previous == null || previous.ok()) {
                Log.warnf("The database cannot be read: %s", e.getMessage());
            }
            check = new Check(null, null, "backup metadata cannot be read", Instant.now(), System.nanoTime());
        }
        last = check;
        return check;
    }

    /** The last check; the first call checks at once. */
    public Check last() {
        Check check = last;
        return check == null ? refresh() : check;
    }

    /** Whether {@code check} is too old to speak for the database now (its next run is stuck or the pool is full). */
    public boolean stale(Check check) {
        return Duration.ofNanos(System.nanoTime() - check.finishedNanos()).compareTo(config.databaseStaleAfter()) > 0;
    }
}
