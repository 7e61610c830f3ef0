package io.goldbackup.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code audit_events}. Inserted once, never updated (a trigger refuses it); the time is when the operation
 * ended, so an event written late, after an outage, keeps its place in the trail.
 */
@Entity
@Table(name = "audit_events")
class AuditRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "occurred_at", updatable = false)
    Instant occurredAt;

    String actor;

    @Column(name = "actor_name")
    String actorName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] roles;

    String action;

    String target;

    @JdbcTypeCode(SqlTypes.JSON)
    String parameters;

    String outcome;

    @Column(name = "duration_ms")
    Long durationMs;

    @Column(name = "operation_id")
    String operationId;

    String detail;
}
