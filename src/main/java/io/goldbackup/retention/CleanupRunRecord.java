package io.goldbackup.retention;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code cleanup_runs}: one cleanup or dry run, who started it, its progress and its report. */
@Entity
@Table(name = "cleanup_runs")
class CleanupRunRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "dry_run")
    boolean dryRun;

    @Column(name = "days_to_keep")
    Integer daysToKeep;

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

    @Column(name = "backups_total")
    Integer backupsTotal;

    @Column(name = "backups_processed")
    int backupsProcessed;

    /** Written only by the repository's native completion, as the text of the report. */
    @Column(insertable = false, updatable = false)
    String report;

    String error;

    @Column(name = "operation_id")
    String operationId;
}
