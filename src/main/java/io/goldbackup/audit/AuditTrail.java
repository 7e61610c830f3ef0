package io.goldbackup.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.security.Actor;
import io.goldbackup.web.ConflictException;
import io.goldbackup.web.InsufficientStorageException;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.ServiceStoppingException;
import io.goldbackup.web.ShutdownGuard;
import io.goldbackup.web.UnknownResourceException;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;

/**
 * Records every operation in {@code audit_events}: who (token subject and name, or the scheduler), with which
 * roles, what, on what, with which parameters, how it ended and how long it took. The entry is written on a
 * connection of its own after the operation, so refused and failed operations are recorded too, and a rolled-back
 * operation does not take its entry with it.
 */
@ApplicationScoped
public class AuditTrail {

    /** The log context key of the operation id. */
    public static final String OPERATION_ID = "operationId";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final ShutdownGuard shutdown;

    AuditTrail(AgroalDataSource dataSource, ObjectMapper json, ShutdownGuard shutdown) {
        this.dataSource = dataSource;
        this.json = json;
        this.shutdown = shutdown;
    }

    /**
     * Runs {@code operation} and records it, whatever its outcome: {@code succeeded}, {@code refused} (the service
     * said no: bad input, a conflict, a limit, an unknown id, a missing role) or {@code failed}. A stopping
     * instance starts nothing ({@link ServiceStoppingException}); one in flight keeps the stop waiting until its
     * event is written.
     */
    public <T> T record(Actor actor, String action, String target, Map<String, ?> parameters, Supplier<T> operation) {
        shutdown.enter();
        String operationId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        Object outer = MDC.get(OPERATION_ID);
        MDC.put(OPERATION_ID, operationId);
        try {
            T result = operation.get();
            write(actor, action, target, parameters, "succeeded", started, operationId, null);
            return result;
        } catch (RuntimeException e) {
            boolean refused = e instanceof InvalidInputException || e instanceof ConflictException
                    || e instanceof UnknownResourceException || e instanceof InsufficientStorageException
                    || e instanceof ForbiddenException || e instanceof ServiceStoppingException;
            write(actor, action, target, parameters, refused ? "refused" : "failed", started, operationId,
                    e.getMessage());
            throw e;
        } finally {
            if (outer == null) {
                MDC.remove(OPERATION_ID);
            } else {
                MDC.put(OPERATION_ID, outer);
            }
            shutdown.exit();
        }
    }

    /** The id of the operation running on this thread, if any: shared by its log lines, audit event and run. */
    public static String currentOperationId() {
        Object id = MDC.get(OPERATION_ID);
        return id == null ? null : id.toString();
    }

    /** Parameters as a map that keeps absent values visible (null) and the order given. */
    public static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private void write(Actor actor, String action, String target, Map<String, ?> parameters, String outcome,
            long started, String operationId, String detail) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_events (actor, actor_name, roles, action, target, parameters, outcome,
                                          duration_ms, operation_id, detail)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                """)) {
            ps.setString(1, actor.subject());
            ps.setString(2, actor.name());
            Array roles = c.createArrayOf("text", actor.roles().stream().sorted().toArray());
            ps.setArray(3, roles);
            ps.setString(4, action);
            ps.setString(5, target);
            ps.setString(6, json.writeValueAsString(parameters == null ? Map.of() : parameters));
            ps.setString(7, outcome);
            ps.setLong(8, (System.nanoTime() - started) / 1_000_000);
            ps.setString(9, operationId);
            ps.setString(10, detail);
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            // The operation has happened; losing its audit entry must be loud, not silent.
            Log.errorf(e, "AUDIT WRITE FAILED for %s %s by %s (operation %s, outcome %s)", action, target,
                    actor.subject(), operationId, outcome);
        }
    }

    /** The newest events first. */
    public List<AuditEvent> list(int limit, Long before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, occurred_at, actor, actor_name, roles, action, target, parameters::text, outcome,
                       duration_ms, operation_id, detail
                FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT ?
                """)) {
            ps.setLong(1, before == null ? Long.MAX_VALUE : before);
            ps.setInt(2, limit);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new AuditEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getString(6),
                            rs.getString(7), json.readValue(rs.getString(8), MAP), rs.getString(9),
                            (Long) rs.getObject(10), rs.getString(11), rs.getString(12)));
                }
            }
            return events;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("reading the audit trail failed", e);
        }
    }
}
