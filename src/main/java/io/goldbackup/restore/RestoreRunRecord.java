package io.goldbackup.restore;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code restore_runs}, with the wallets a targeted run names ({@code restore_run_targets}). Read, given
 * progress and finished through {@link RestoreRunRepository}; registered, and completed inside the restore's own
 * transaction, by native SQL on the restore's session.
 */
@Entity
@Table(name = "restore_runs")
class RestoreRunRecord {

    @Id
    Long id;

    @Column(name = "backup_id")
    long backupId;

    @Column(name = "dry_run")
    boolean dryRun;

    @Column(name = "triggered_by")
    String triggeredBy;

    @Column(name = "actor_name")
    String actorName;

    @Column(name = "target_count")
    Integer targetCount;

    String status;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Column(name = "duration_ms")
    Long durationMs;

    @Column(name = "wallets_total")
    Long walletsTotal;

    @Column(name = "wallets_processed")
    long walletsProcessed;

    @Column(name = "wallets_changed")
    Long walletsChanged;

    @Column(name = "gold_before")
    Double goldBefore;

    @Column(name = "gold_after")
    Double goldAfter;

    @Column(name = "safety_backup_id")
    Long safetyBackupId;

    String fingerprint;

    String error;

    @Column(name = "operation_id")
    String operationId;

    @Column(name = "wallets_recreated")
    Long walletsRecreated;

    @Column(name = "wallets_deleted")
    Long walletsDeleted;

    @Column(name = "recreated_wallets_kept")
    Long recreatedWalletsKept;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] warnings;

    @ElementCollection
    @CollectionTable(name = "restore_run_targets", joinColumns = @JoinColumn(name = "run_id"))
    @Column(name = "wallet_address")
    @OrderBy
    List<String> targets;

    /** The run as the API shows it; {@code withTargets} reads the named wallets too. */
    RestoreRun toRun(boolean withTargets) {
        return new RestoreRun(id, backupId, dryRun, triggeredBy, actorName, targetCount,
                withTargets && targetCount != null ? List.copyOf(targets) : null, status, startedAt, finishedAt,
                durationMs, walletsTotal, walletsProcessed, walletsChanged, goldBefore, goldAfter, safetyBackupId,
                fingerprint, error, operationId, walletsRecreated, walletsDeleted, recreatedWalletsKept,
                warnings == null ? List.of() : List.of(warnings));
    }
}
