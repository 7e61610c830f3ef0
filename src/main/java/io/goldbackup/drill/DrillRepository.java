package io.goldbackup.drill;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

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
 * The drill log ({@code drills}) through Panache, each call in a transaction of its own (drills run on scheduler
 * threads too). Registering a drill is native SQL on the drill's own session, which takes the drill's lock in the same
 * transaction; recovery's lock test is SQL as well.
 */
@ApplicationScoped
class DrillRepository implements PanacheRepositoryBase<DrillRecord, Long> {

    private final AgroalDataSource dataSource;

    DrillRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Registers a running drill and takes its lock, in one transaction on {@code session}: recovery never sees the
     * drill without its lock. For a scheduled drill the slot's unique index refuses a second one (SQLSTATE 23505).
     */
    long register(DbSession session, NewDrill drill) {
        return session.transaction(() -> Sql.call("registering a drill", () -> {
            long id;
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    INSERT INTO drills (backup_id, backup_uuid, source, target, started_at, triggered_by, actor_name,
                                        schedule_slot, scheduled_as, operation_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """)) {
                ps.setLong(1, drill.backupId());
                ps.setObject(2, drill.backupUuid());
                ps.setString(3, drill.source());
                ps.setString(4, drill.target());
                ps.setTimestamp(5, Timestamp.from(drill.startedAt()));
                ps.setString(6, drill.triggeredBy());
                ps.setString(7, drill.actorName());
                ps.setObject(8, drill.slot() == null ? null : Date.valueOf(drill.slot()));
                ps.setString(9, drill.scheduledAs());
                ps.setString(10, OperationRunner.currentId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            session.lock(AdvisoryLock.DRILL, id);
            return id;
        }));
    }

    /** Records how a drill ended, in a transaction of its own; only a drill still running is changed. */
    void finish(long id, String status, Long durationMs, Long walletCount, String invariantsJson, String error,
            Instant finishedAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            DrillRecord r = findById(id);
            if (r == null || !Drill.RUNNING.equals(r.status)) {
                return;
            }
            r.status = status;
            r.durationMs = durationMs;
            r.walletCount = walletCount;
            r.invariants = invariantsJson;
            r.error = error;
            r.finishedAt = finishedAt;
        });
    }

    /** One drill. */
    Optional<DrillRecord> find(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> findByIdOptional(id));
    }

    /** Drills newest first, before the drill {@code before} (null: from the newest). */
    List<DrillRecord> newest(int limit, Long before) {
        return QuarkusTransaction.joiningExisting().call(() -> (before == null
                ? findAll(Sort.descending("id"))
                : find("id < ?1", Sort.descending("id"), before)).page(Page.ofSize(limit)).list());
    }

    /** The scheduled drills of the UTC day {@code slot}. */
    List<DrillRecord> ofSlot(LocalDate slot) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> list("scheduleSlot", Sort.ascending("id"), slot));
    }

    /** Whether the schedule drilled the oldest kept backup in the UTC month of {@code slot}. */
    boolean oldestDrilledInMonthOf(LocalDate slot) {
        LocalDate first = slot.withDayOfMonth(1);
        return QuarkusTransaction.joiningExisting().call(() -> count(
                "scheduledAs = 'oldest' and scheduleSlot >= :from and scheduleSlot < :to",
                Parameters.with("from", first).and("to", first.plusMonths(1))) > 0);
    }

    /** When the last drill passed, if one ever did: an index read. */
    Optional<Instant> lastPassed() {
        return QuarkusTransaction.joiningExisting().call(() -> find("status = 'passed'",
                Sort.descending("finishedAt")).firstResultOptional().map(r -> r.finishedAt));
    }

    /** The newest finished drill, if any. */
    Optional<DrillRecord> lastFinished() {
        return QuarkusTransaction.joiningExisting().call(() -> find("status <> 'running'",
                Sort.descending("id")).firstResultOptional());
    }

    /**
     * Marks failed the drills left running whose session is gone: a live drill's session holds the drill's lock from
     * its registration to its end. Native: the lock test is SQL.
     *
     * @return the ids marked failed
     */
    List<Long> failInterrupted() {
        return Sql.call("recovering interrupted drills", () -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.strings(c, """
                        UPDATE drills
                        SET status = 'failed', finished_at = now(),
                            error = 'interrupted: the instance running this drill stopped or lost its database '
                                    || 'session; its scratch tables went with its transaction'
                        WHERE status = 'running' AND %s
                        RETURNING id::text
                        """.formatted(AdvisoryLock.DRILL.tryInTransactionSql("id"))).stream().map(Long::valueOf)
                        .toList();
            }
        });
    }

    /** What a new drill records. */
    record NewDrill(long backupId, java.util.UUID backupUuid, String source, String target, Instant startedAt,
            String triggeredBy, String actorName, LocalDate slot, String scheduledAs) {
    }
}
