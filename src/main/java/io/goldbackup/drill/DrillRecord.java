package io.goldbackup.drill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code drills}. Registered (with the drill's lock, in one transaction) by native SQL on the drill's own
 * session; read and finished through {@link DrillRepository}.
 */
@Entity
@Table(name = "drills")
class DrillRecord {

    @Id
    Long id;

    @Column(name = "backup_id")
    long backupId;

    @Column(name = "backup_uuid")
    UUID backupUuid;

    String source;

    String target;

    String status;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Column(name = "duration_ms")
    Long durationMs;

    @Column(name = "wallet_count")
    Long walletCount;

    @JdbcTypeCode(SqlTypes.JSON)
    String invariants;

    String error;

    @Column(name = "triggered_by")
    String triggeredBy;

    @Column(name = "actor_name")
    String actorName;

    @Column(name = "schedule_slot")
    LocalDate scheduleSlot;

    @Column(name = "scheduled_as")
    String scheduledAs;

    @Column(name = "operation_id")
    String operationId;
}
