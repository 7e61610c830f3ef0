package io.goldbackup.audit;

import java.util.Map;

import io.goldbackup.security.Actor;

/**
 * An audit event to write: an operation that ended.
 *
 * @param outcome {@code succeeded}, {@code refused} or {@code failed}
 * @param detail why it was refused or failed; null when it succeeded
 */
public record AuditEntry(Actor actor, String action, String target, Map<String, Object> parameters, String outcome,
        long durationMs, String operationId, String detail) {
}
