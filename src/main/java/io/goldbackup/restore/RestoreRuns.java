package io.goldbackup.restore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DatabaseException;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.DurableWrites;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.restore.RestoreExceptions.RestoreFailedException;
import io.goldbackup.restore.RestoreExceptions.RestoreInProgressException;
import io.goldbackup.security.Actor;
import io.goldbackup.web.ConflictException;
import io.goldbackup.web.OperationInterruptedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * A restore run's life in the restore log: registered on a session of its own that holds the run's lock (so recovery
 * on any replica can tell it from an orphan) and lets a stop cancel its statements; its work run on that session, on
 * the caller's thread or in the background; its end recorded, a failure durably (the failure may be the database);
 * its outcome counted in {@code gold_restore_total{outcome, dry_run}}.
 */
@ApplicationScoped
class RestoreRuns {

    private final Database database;
    private final RestoreRunRepository runs;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ShutdownGuard shutdown;
    private final DurableWrites durable;

    RestoreRuns(Database database, RestoreRunRepository runs, MeterRegistry registry, Clock clock,
            ShutdownGuard shutdown, DurableWrites durable) {
        this.database = database;
        this.runs = runs;
        this.registry = registry;
        this.clock = clock;
        this.shutdown = shutdown;
        this.durable = durable;
    }

    /** The work of a registered run, on the run's own session. */
    @FunctionalInterface
    interface RunWork<T> {
        T run(DbSession session, long runId, long started, Instant now);
    }

    /**
     * Registers a run: its row {@code running} and its lock taken in one transaction on a session of its own, so
     * recovery never sees the run without its lock. For a real restore the unique index on running restores refuses a
     * second one.
     *
     * @throws RestoreInProgressException when another real restore runs
     */
    Run register(long backupId, boolean dryRun, List<String> targets, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        var row = new RestoreRunRepository.NewRun(backupId, dryRun, actor.subject(), actor.name(), targets, now);
        DbSession session = database.open();
        try {
            long id = session.transaction(() -> {
                long inserted = runs.insert(session, row);
                session.lock(AdvisoryLock.RESTORE, inserted);
                return inserted;
            });
            return new Run(session, id, dryRun, now, started);
        } catch (DatabaseException e) {
            session.close();
            if (e.uniqueViolation()) {
                throw new RestoreInProgressException();
            }
            throw e;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A registered run, completed once, on this thread or another. */
    final class Run {

        private final DbSession session;
        private final long id;
        private final boolean dryRun;
        private final Instant now;
        private final long started;

        private Run(DbSession session, long id, boolean dryRun, Instant now, long started) {
            this.session = session;
            this.id = id;
            this.dryRun = dryRun;
            this.now = now;
            this.started = started;
        }

        long id() {
            return id;
        }

        /**
         * Runs {@code work} on the run's session; records a failure and answers it (503 naming the stop when the
         * instance is stopping); releases the lock and the session.
         */
        <T> T complete(RunWork<T> work) {
            String name = (dryRun ? "dry run " : "restore run ") + id;
            try (session) {
                try {
                    shutdown.cancelOnStop(name, session);
                    return work.run(session, id, started, now);
                } catch (ConflictException e) {
                    // A refusal by the rules inside the work (a changed plan, the backup's verification refusing it:
                    // tampered, being deleted): recorded as refused in its own words, unless the work recorded it.
                    // Never left running.
                    refusedIfRunning(id, started, e.getMessage(), dryRun);
                    throw e;
                } catch (RuntimeException e) {
                    throw failed(id, started, e, dryRun);
                } finally {
                    shutdown.noLongerCancellable(name);
                    session.unlockQuietly(AdvisoryLock.RESTORE, id);
                }
            }
        }
    }

    /** Records a run refused by the rules after it was registered, durably, and counts it. */
    void refused(long runId, long started, String reason, boolean dryRun) {
        durable.write("recording restore run " + runId + " refused", () -> runs.finish(runId,
                RunEnd.refused(RestoreApplier.elapsed(started), reason)));
        count("refused", dryRun);
    }

    /** {@link #refused} unless the run is recorded already (its own words stay); counted when recorded here. */
    private void refusedIfRunning(long runId, long started, String reason, boolean dryRun) {
        boolean[] recorded = {false};
        durable.write("recording restore run " + runId + " refused", () -> recorded[0] = runs.finishIfRunning(runId,
                RunEnd.refused(RestoreApplier.elapsed(started), reason)));
        if (recorded[0]) {
            count("refused", dryRun);
        }
    }

    /**
     * Records a failed run, durably, and answers the exception the caller sees: 503 naming the stop when the instance
     * is stopping, else the reason, no class names.
     */
    private RuntimeException failed(long runId, long started, RuntimeException cause, boolean dryRun) {
        Log.errorf(cause, "Restore run %d failed", runId);
        String reason = cause instanceof DatabaseException db
                ? db.reason()
                : cause.getMessage() != null ? cause.getMessage() : "see the service log";
        long ms = RestoreApplier.elapsed(started);
        boolean stopping = shutdown.cancelling();
        durable.write("recording restore run " + runId + " failed", () -> runs.finish(runId,
                RunEnd.failed(ms, stopping ? "cancelled, the service is stopping: " + reason : reason)));
        count("failed", dryRun);
        if (stopping) {
            return new OperationInterruptedException("Restore run " + runId + " was cancelled because this instance "
                    + "is stopping; it was rolled back, nothing changed, and it is recorded as failed. Send the "
                    + "request again.");
        }
        return new RestoreFailedException(runId, reason);
    }

    /** Counts a run in {@code gold_restore_total{outcome, dry_run}}. */
    void count(String outcome, boolean dryRun) {
        Counter.builder("gold.restore").description("Restores and dry runs, by outcome")
                .tag("outcome", outcome).tag("dry_run", String.valueOf(dryRun)).register(registry).increment();
    }
}
