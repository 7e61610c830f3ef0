package io.goldbackup.retention;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.security.Actor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * The cleanup log ({@code cleanup_runs}) through Panache, each write in a transaction of its own, so that readers see
 * a run's progress while it works. A run is registered only by a session that holds the cleanup lock, and ends before
 * that session lets it go: a {@code running} row whose lock is free belongs to an instance that is gone.
 */
@ApplicationScoped
class CleanupRunRepository implements PanacheRepositoryBase<CleanupRunRecord, Long> {

    private final ObjectMapper json;

    CleanupRunRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Registers a running run; answers its id. */
    long insert(boolean dryRun, Integer daysToKeep, Actor actor, Instant startedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CleanupRunRecord run = new CleanupRunRecord();
            run.dryRun = dryRun;
            run.daysToKeep = daysToKeep;
            run.triggeredBy = actor.subject();
            run.actorName = actor.name();
            run.status = "running";
            run.startedAt = startedAt;
            run.operationId = OperationRunner.currentId();
            persist(run);
            return run.id;
        });
    }

    /** Progress: how many backups are due ({@code total}, null to keep it) and how many are done. */
    void progress(long id, Integer total, int processed) {
        QuarkusTransaction.requiringNew().run(() -> update(
                "backupsTotal = coalesce(:total, backupsTotal), backupsProcessed = :processed where id = :id",
                Parameters.with("total", total).and("processed", processed).and("id", id)));
    }

    /** Completes a running run with its report. */
    void complete(long id, CleanupReport report, long durationMs) {
        String text;
        try {
            text = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report of cleanup run " + id + " cannot be written as JSON", e);
        }
        QuarkusTransaction.requiringNew().run(() -> getEntityManager().createNativeQuery("""
                UPDATE cleanup_runs
                SET status = 'completed', finished_at = now(), duration_ms = :ms, report = CAST(:report AS json),
                    backups_processed = coalesce(backups_total, backups_processed)
                WHERE id = :id AND status = 'running'
                """).setParameter("ms", durationMs).setParameter("report", text).setParameter("id", id)
                .executeUpdate());
    }

    /** Marks a running run failed with the reason. */
    void fail(long id, String error, long durationMs) {
        QuarkusTransaction.requiringNew().run(() -> update(
                "status = 'failed', finishedAt = current_timestamp, durationMs = :ms, error = :error "
                        + "where id = :id and status = 'running'",
                Parameters.with("ms", durationMs).and("error", error).and("id", id)));
    }

    /**
     * Marks failed the runs left {@code running} while the cleanup lock is free: their instance is gone (what it
     * deleted is gone; the rest is kept). Native: the lock test is SQL.
     *
     * @return the ids marked failed
     */
    List<Long> failInterrupted() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = getEntityManager().createNativeQuery("""
                    UPDATE cleanup_runs
                    SET status = 'failed', finished_at = now(),
                        error = 'interrupted: the instance running this cleanup stopped or lost its database '
                                || 'session; the backups it deleted before are gone, the others are kept'
                    WHERE status = 'running' AND %s
                    RETURNING id
                    """.formatted(AdvisoryLock.CLEANUP.tryInTransactionSql("0"))).getResultList();
            return ids.stream().map(Number::longValue).toList();
        });
    }

    /** The newest runs first, without their reports. */
    List<CleanupRun> newest(int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> findAll(Sort.descending("startedAt", "id"))
                .page(Page.ofSize(limit)).list().stream().map(r -> view(r, false)).toList());
    }

    /** One run, with its report. */
    Optional<CleanupRun> find(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> findByIdOptional(id).map(r -> view(r, true)));
    }

    private CleanupRun view(CleanupRunRecord r, boolean withReport) {
        JsonNode report = null;
        if (withReport && r.report != null) {
            try {
                report = json.readTree(r.report);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cleanup run " + r.id + " has an unreadable report", e);
            }
        }
        return new CleanupRun(r.id, r.status, r.dryRun, r.daysToKeep, r.triggeredBy, r.actorName, r.startedAt,
                r.finishedAt, r.durationMs, r.backupsTotal, r.backupsProcessed, report, r.error, r.operationId);
    }
}
