package io.goldbackup.offsite;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code offsite_imports}: one import of an off-site copy, its state and the backup it created. */
@Entity
@Table(name = "offsite_imports")
class OffsiteImportRecord {

    @Id
    Long id;

    String target;

    @Column(name = "backup_uuid")
    UUID backupUuid;

    @Column(name = "original_backup_id")
    Long originalBackupId;

    @Column(name = "triggered_by")
    String triggeredBy;

    @Column(name = "actor_name")
    String actorName;

    String status;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Column(name = "duration_ms")
    Long durationMs;

    @Column(name = "backup_id")
    Long backupId;

    String error;

    @Column(name = "operation_id")
    String operationId;

    OffsiteImport toView() {
        return new OffsiteImport(id, target, backupUuid, originalBackupId, status, triggeredBy, actorName, startedAt,
                finishedAt, durationMs, backupId, error, operationId);
    }
}
