package io.goldbackup.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.goldbackup.db.Database;
import io.goldbackup.db.DurableWrites;
import io.goldbackup.db.Isolation;
import io.goldbackup.db.Unavailability;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The append-only record of every operation in {@code audit_events}: who (token subject and name, or the
 * scheduler), with which roles, what, on what, with which parameters, how it ended and how long it took. An entry is
 * written in a transaction of its own after the operation, so refused and failed operations are recorded too, and a
 * rolled-back operation does not take its entry with it. The operation runner writes them; nothing else does.
 */
@ApplicationScoped
public class AuditTrail {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final AuditEventRepository repository;
    private final ObjectMapper json;
    private final DurableWrites durable;
    private final Database database;

    AuditTrail(AuditEventRepository repository, ObjectMapper json, DurableWrites durable, Database database) {
        this.repository = repository;
        this.json = json;
        this.durable = durable;
        this.database = database;
    }

    /**
     * Writes {@code entry}; never throws over the operation. When the database does not take it, the whole entry goes
     * to the log at once and the write is kept and tried again until the database answers ({@link DurableWrites}).
     */
    public void record(AuditEntry entry) {
        String parameters;
        try {
            parameters = json.writeValueAsString(entry.parameters() == null ? Map.of() : entry.parameters());
        } catch (JsonProcessingException e) {
            Log.errorf(e, "AUDIT EVENT UNWRITABLE: %s", entry);
            return;
        }
        boolean written = durable.write("writing the audit event of " + entry.action() + " " + entry.target()
                + " (operation " + entry.operationId() + ")", () -> insert(entry, parameters));
        if (!written) {
            // The event must survive this process too: the log carries it whole until the database has it.
            Log.errorf("AUDIT EVENT PENDING: %s", entry);
        }
    }

    private void insert(AuditEntry entry, String parameters) {
        AuditRecord row = new AuditRecord();
        row.actor = entry.actor().subject();
        row.actorName = entry.actor().name();
        row.roles = entry.actor().roles().stream().sorted().toArray(String[]::new);
        row.action = entry.action();
        row.target = entry.target();
        row.parameters = parameters;
        row.outcome = entry.outcome();
        row.durationMs = entry.durationMs();
        row.operationId = entry.operationId();
        row.detail = entry.detail();
        row.occurredAt = entry.occurredAt();
        try {
            QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        } catch (RuntimeException e) {
            // One event per operation id: a retry whose first try was written after all has nothing left to do.
            if (!Unavailability.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** The newest events first; {@code before} pages on (the id of the last event of the previous page). */
    public List<AuditEvent> list(int limit, Long before) {
        return list(AuditFilter.none(), limit, before);
    }

    /** The newest events matching {@code filter} first; {@code before} pages on. */
    public List<AuditEvent> list(AuditFilter filter, int limit, Long before) {
        return repository.newest(filter, limit, before == null ? Long.MAX_VALUE : before).stream().map(this::event)
                .toList();
    }

    /**
     * Writes every event matching {@code filter}, newest first, onto {@code out} as {@code format}, row by row as a
     * cursor reads them, in one read-only transaction (one snapshot of the trail) on a session of the long-operation
     * budget: an export of years of events neither fills the memory nor takes the pool.
     */
    public void export(AuditFilter filter, AuditExport format, OutputStream out) {
        database.transaction(Isolation.REPEATABLE_READ, true, session -> {
            try (AuditExport.Sink sink = format.open(out, json)) {
                repository.stream(session, filter, sink::write);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private AuditEvent event(AuditEventRepository.Row r) {
        Map<String, Object> parameters;
        try {
            parameters = json.readValue(r.parameters(), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event " + r.id() + " has unreadable parameters", e);
        }
        return new AuditEvent(r.id(), r.occurredAt(), r.actor(), r.actorName(), r.roles(), r.action(), r.target(),
                parameters, r.outcome(), r.durationMs(), r.operationId(), r.detail());
    }
}
