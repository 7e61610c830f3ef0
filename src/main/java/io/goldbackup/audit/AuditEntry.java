package io.goldbackup.audit;

import java.time.Instant;
import java.util.Map;

import io.goldbackup.security.Actor;

/**
 * An audit event to write: an operation that ended.
 *
 * @param outcome {@code succeeded}, {@code refused} or {@code failed}
 * @param detail why it was refused or failed; null when it succeeded
 * @param occurredAt when the operation ended: an event written late (after an outage) keeps its own time
 */
public record AuditEntry(Actor actor, String action, String target, Map<String, Object> parameters, String outcome,
        long durationMs, String operationId, String detail, Instant occurredAt) {
}
