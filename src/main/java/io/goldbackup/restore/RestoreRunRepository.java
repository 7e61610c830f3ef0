package io.goldbackup.restore;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Sql;
import io.goldbackup.operation.OperationRunner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * The restore log ({@code restore_runs}): read, given progress and finished through Panache, each in a transaction
 * of its own so that readers see a run's progress while it works. Registering a run and completing it are native SQL
 * on the restore's own session: the registration takes the run's lock in the same transaction, and the completion
 * commits with the restore's writes (Hibernate's session works on a pooled connection, not on that one).
 */
@ApplicationScoped
class RestoreRunRepository implements PanacheRepositoryBase<RestoreRunRecord, Long> {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    RestoreRunRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Registers a run and its targets. For a real restore the partial unique index on running real restores makes
     * this fail when another one runs; the caller turns that into a 409.
     */
    long insert(DbSession session, NewRun run) {
        return Sql.call("registering a restore run", () -> {
            Connection c = session.connection();
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO restore_runs (backup_id, dry_run, triggered_by, actor_name, target_count, started_at,
                                              operation_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """)) {
                ps.setLong(1, run.backupId());
                ps.setBoolean(2, run.dryRun());
                ps.setString(3, run.subject());
                ps.setString(4, run.name());
                ps.setObject(5, run.targets() == null ? null : run.targets().size());
                ps.setTimestamp(6, Timestamp.from(run.startedAt()));
                ps.setString(7, OperationRunner.currentId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            if (run.targets() != null) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO restore_run_targets (run_id, wallet_address)
                        SELECT ?, unnest(?::text[])
                        """)) {
                    ps.setLong(1, id);
                    Array array = c.createArrayOf("text", run.targets().toArray());
                    ps.setArray(2, array);
                    ps.executeUpdate();
                }
            }
            return id;
        });
    }

    /** Completes a run inside the restore's transaction on {@code session}, so both commit or neither does. */
    void complete(DbSession session, long runId, RunEnd end) {
        Sql.run("recording restore run " + runId, () -> {
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    UPDATE restore_runs
                    SET status = ?, finished_at = now(), duration_ms = ?, wallets_total = coalesce(?, wallets_total),
                        wallets_processed = coalesce(?, wallets_processed), wallets_changed = ?, gold_before = ?,
                        gold_after = ?, safety_backup_id = ?, fingerprint = coalesce(?, fingerprint), error = ?,
                        wallets_recreated = ?, wallets_deleted = ?, recreated_wallets_kept = ?,
                        warnings = ?::text[]
                    WHERE id = ?
                    """)) {
                ps.setString(1, end.status());
                ps.setLong(2, end.durationMs());
                ps.setObject(3, end.total());
                ps.setObject(4, end.processed());
                ps.setObject(5, end.changed());
                ps.setObject(6, end.goldBefore());
                ps.setObject(7, end.goldAfter());
                ps.setObject(8, end.safetyBackupId());
                ps.setString(9, end.fingerprint());
                ps.setString(10, end.error());
                ps.setObject(11, end.recreated());
                ps.setObject(12, end.deleted());
                ps.setObject(13, end.recreatedKept());
                ps.setArray(14, end.warnings().isEmpty()
                        ? null
                        : session.connection().createArrayOf("text", end.warnings().toArray()));
                ps.setLong(15, runId);
                ps.executeUpdate();
            }
        });
    }

    /** Records a run's end in a transaction of its own: a dry run's, or a failed or refused restore's. */
    void finish(long runId, RunEnd end) {
        finish(runId, end, "");
    }

    /**
     * {@link #finish} of a run still {@code running} only: a refusal the work may have recorded itself already, in its
     * own words.
     *
     * @return whether the run was still running (and is recorded now)
     */
    boolean finishIfRunning(long runId, RunEnd end) {
        return finish(runId, end, " and status = 'running'") > 0;
    }

    private int finish(long runId, RunEnd end, String condition) {
        return QuarkusTransaction.requiringNew().call(() -> update(
                """
                        status = :status, finishedAt = current_timestamp, durationMs = :ms,
                        walletsTotal = coalesce(:total, walletsTotal), walletsProcessed = coalesce(:processed, walletsProcessed),
                        walletsChanged = :changed, goldBefore = :goldBefore, goldAfter = :goldAfter, safetyBackupId = :safety,
                        fingerprint = coalesce(:fingerprint, fingerprint), error = :error
                        where id = :id"""
                        + condition,
                Parameters.with("status", end.status()).and("ms", end.durationMs())
                        .and("total", end.total()).and("processed", end.processed()).and("changed", end.changed())
                        .and("goldBefore", end.goldBefore()).and("goldAfter", end.goldAfter())
                        .and("safety", end.safetyBackupId()).and("fingerprint", end.fingerprint())
                        .and("error", end.error())
                        .and("id", runId)));
    }

    /**
     * Keeps a dry run's plan with its run, as the API writes it. Native, and not a field of the entity: the log's
     * lists never load plans.
     */
    void savePlan(long runId, RestorePlan plan) {
        String text;
        try {
            text = json.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the plan of run " + runId + " cannot be written as JSON", e);
        }
        QuarkusTransaction.requiringNew().run(() -> getEntityManager()
                .createNativeQuery("UPDATE restore_runs SET plan = CAST(:plan AS json) WHERE id = :id")
                .setParameter("plan", text).setParameter("id", runId).executeUpdate());
    }

    /** A dry run's plan as JSON, if it has one. */
    Optional<String> plan(long runId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<?> plans = getEntityManager()
                    .createNativeQuery("SELECT plan::text FROM restore_runs WHERE id = :id AND plan IS NOT NULL")
                    .setParameter("id", runId).getResultList();
            return plans.stream().findFirst().map(Object::toString);
        });
    }

    /** A completed dry run's plan read back into the record it was written from; empty for any other run. */
    Optional<RestorePlan> storedPlan(long runId) {
        return plan(runId).map(text -> {
            try {
                return json.readValue(text, RestorePlan.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("restore run " + runId + " has an unreadable plan", e);
            }
        });
    }

    /**
     * Reports progress from outside the restore's transaction, so that readers see it while it works: {@code processed}
     * wallets written so far, of the {@code changed} ones the restore writes (null: as reported before).
     */
    void progress(long runId, Long total, Long changed, long processed) {
        QuarkusTransaction.requiringNew().run(() -> {
            // A progress report lost in a crash costs nothing (the run ends failed or is marked so by recovery): its
            // commit does not wait for the WAL to reach the disk.
            getEntityManager().createNativeQuery("SET LOCAL synchronous_commit = off").executeUpdate();
            update("walletsTotal = coalesce(:total, walletsTotal), "
                    + "walletsChanged = coalesce(:changed, walletsChanged), walletsProcessed = :processed where id = :id",
                    Parameters.with("total", total).and("changed", changed).and("processed", processed)
                            .and("id", runId));
        });
    }

    /**
     * Marks failed the runs (restores and dry runs) whose session is gone: a live run's session holds the run's
     * advisory lock from its registration to its end. Native: the lock test is SQL.
     *
     * @return the ids marked failed
     */
    List<Long> failInterrupted() {
        return Sql.call("recovering interrupted restores", () -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.strings(c, """
                        UPDATE restore_runs
                        SET status = 'failed', finished_at = now(),
                            error = 'interrupted: the instance running this stopped or lost its database session; '
                                    || 'its transaction was rolled back and nothing of it remains'
                        WHERE status = 'running' AND %s
                        RETURNING id::text
                        """.formatted(AdvisoryLock.RESTORE.tryInTransactionSql("id"))).stream().map(Long::valueOf)
                        .toList();
            }
        });
    }

    /** The newest runs first. */
    List<RestoreRun> newest(int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> findAll(Sort.descending("startedAt", "id"))
                .page(Page.ofSize(limit)).list().stream().map(r -> r.toRun(false)).toList());
    }

    /** One run, with its named wallets. */
    Optional<RestoreRun> find(long id) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> findByIdOptional(id).map(r -> r.toRun(true)));
    }

    /** Share of finished real restores that completed; null before the first. */
    Double successRate() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            long finished = count("dryRun = false and status in ('completed', 'failed')");
            return finished == 0
                    ? null
                    : count("dryRun = false and status = 'completed'") / (double) finished;
        });
    }

    /** What a new run records. */
    record NewRun(long backupId, boolean dryRun, String subject, String name, List<String> targets,
            Instant startedAt) {
    }
}
