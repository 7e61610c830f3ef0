package io.goldbackup.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Sql;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * The audit trail's table: inserted through Panache, read by native SQL with the filter's bound conditions (one
 * condition for the page and the export). Both read newest first along {@code audit_events_occurred_idx}'s order
 * (by id, which follows the time an event was written).
 */
@ApplicationScoped
class AuditEventRepository implements PanacheRepositoryBase<AuditRecord, Long> {

    private static final String COLUMNS = "id, occurred_at, actor, actor_name, roles, action, target, "
            + "parameters::text, outcome, duration_ms, operation_id, detail";

    /** How many rows an export fetches at a time: its memory stays flat however many events match. */
    private static final int EXPORT_FETCH = 500;

    private final AgroalDataSource dataSource;

    AuditEventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * An event as stored, its parameters as the JSON text of the column.
     *
     * @param parameters the jsonb column as text
     */
    record Row(long id, Instant occurredAt, String actor, String actorName, List<String> roles, String action,
            String target, String parameters, String outcome, Long durationMs, String operationId, String detail) {
    }

    /** What an export does with each row, in order. */
    @FunctionalInterface
    interface RowSink {
        void accept(Row row) throws java.io.IOException;
    }

    /** The newest events matching {@code filter} with an id below {@code before}. */
    List<Row> newest(AuditFilter filter, int limit, long before) {
        AuditFilter.Condition condition = filter.condition();
        // Native: the filter's optional conditions are bound values in one statement, as the export's.
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE id < ? AND " + condition.where()
                + " ORDER BY id DESC LIMIT ?";
        return Sql.call("reading the audit trail", () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, before);
                for (Object value : condition.values()) {
                    ps.setObject(i++, value);
                }
                ps.setInt(i, limit);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
                return rows;
            }
        });
    }

    /**
     * Every event matching {@code filter}, newest first, handed to {@code sink} as the cursor reads it: inside the
     * session's transaction (a server-side cursor needs one), {@value #EXPORT_FETCH} rows at a time.
     */
    void stream(DbSession session, AuditFilter filter, RowSink sink) {
        AuditFilter.Condition condition = filter.condition();
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE " + condition.where() + " ORDER BY id DESC";
        Sql.run("exporting the audit trail", () -> {
            try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
                ps.setFetchSize(EXPORT_FETCH);
                int i = 1;
                for (Object value : condition.values()) {
                    ps.setObject(i++, value);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            } catch (java.io.IOException e) {
                // The client went away: nothing to answer, and the cursor closes with the transaction.
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        Array roles = rs.getArray(5);
        long duration = rs.getLong(10);
        Long durationMs = rs.wasNull() ? null : duration;
        return new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                roles == null ? List.of() : List.of((String[]) roles.getArray()), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), durationMs, rs.getString(11), rs.getString(12));
    }
}
