package io.goldbackup.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One entry of the audit trail, as the API shows it. */
public record AuditEvent(long id, Instant occurredAt, String actor, String actorName, List<String> roles,
        String action, String target, Map<String, Object> parameters, String outcome, Long durationMs,
        String operationId, String detail) {
}
