package io.goldbackup.drill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.goldbackup.drill.Drill.Invariant;
import io.quarkus.logging.Log;

/** The read side of drills: the log, one drill, the last one that passed. */
@ApplicationScoped
public class DrillLog {

    private static final TypeReference<List<Invariant>> INVARIANTS = new TypeReference<>() {
    };

    private final DrillRepository drills;
    private final ObjectMapper json;
    private final DrillConfig config;

    DrillLog(DrillRepository drills, ObjectMapper json, DrillConfig config) {
        this.drills = drills;
        this.json = json;
        this.config = config;
    }

    /** Drills newest first; {@code before} is the id of the last drill of the previous page (null: the newest). */
    public List<Drill> list(int limit, Long before) {
        return drills.newest(limit, before).stream().map(this::view).toList();
    }

    /** One drill; 404 when it does not exist. */
    public Drill drill(long id) {
        return drills.find(id).map(this::view).orElseThrow(() -> new DrillNotFoundException(id));
    }

    /** When a drill last passed, if one ever did. */
    public Optional<Instant> lastPassed() {
        return drills.lastPassed();
    }

    /** The newest drill that has ended, if any. */
    public Optional<Drill> lastFinished() {
        return drills.lastFinished().map(this::view);
    }

    /** The recovery time objective the drills are held against. */
    public java.time.Duration recoveryObjective() {
        return config.recoveryObjective();
    }

    Drill view(DrillRecord r) {
        return new Drill(r.id, r.backupId, r.backupUuid, r.source, r.target, r.status, r.startedAt, r.finishedAt,
                r.durationMs, r.walletCount, invariantsOf(r), r.error, r.triggeredBy, r.scheduledAs,
                r.durationMs == null ? null : r.durationMs <= config.recoveryObjective().toMillis());
    }

    String toJson(List<Invariant> invariants) {
        try {
            return json.writeValueAsString(invariants);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invariants cannot be written as JSON", e);
        }
    }

    private List<Invariant> invariantsOf(DrillRecord r) {
        if (r.invariants == null || r.invariants.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(r.invariants, INVARIANTS);
        } catch (JsonProcessingException e) {
            Log.warnf("Drill %d has unreadable invariants", r.id);
            return List.of();
        }
    }
}
