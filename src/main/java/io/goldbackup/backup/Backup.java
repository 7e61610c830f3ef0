package io.goldbackup.backup;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A row of {@code gold_backups}. Read and marked failed through {@link BackupRepository}; inserted and completed by
 * native SQL inside the snapshot's own transaction ({@link BackupLifecycleRepository}). It never goes over the wire
 * ({@link BackupSummary} does).
 */
@Entity
@Table(name = "gold_backups")
public class Backup extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "backup_timestamp")
    public Instant backupTimestamp;

    @Column(name = "backup_name")
    public String backupName;

    @Column(name = "backup_type")
    public String backupType;

    @Column(name = "triggered_by")
    public String triggeredBy;

    public String status;

    @Column(name = "total_users_backed_up")
    public long totalUsersBackedUp;

    public String notes;

    @Column(name = "snapshot_version")
    public int snapshotVersion;

    @Column(name = "system_version")
    public String systemVersion;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String checksum;

    @JdbcTypeCode(SqlTypes.JSON)
    public String warnings;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public String error;

    public String purpose;

    /** Globally unique: names the backup's off-site objects (local ids restart after a rebuilt database). */
    @Column(insertable = false, updatable = false)
    public UUID uuid;

    @Column(name = "imported_from_target")
    public String importedFromTarget;

    @Column(name = "imported_original_id")
    public Long importedOriginalId;

    @Column(name = "imported_original_timestamp")
    public Instant importedOriginalTimestamp;

    /** The seal's MAC (hex) and key id; both null when the backup is unsealed. */
    @Column(name = "seal_mac")
    public String sealMac;

    @Column(name = "seal_key_id")
    public String sealKeyId;

    /** The last verification: when, its verdict and why; null when never verified. */
    @Column(name = "last_verified_at")
    public Instant lastVerifiedAt;

    @Column(name = "last_verify_ok")
    public Boolean lastVerifyOk;

    @Column(name = "last_verify_detail")
    public String lastVerifyDetail;

    public BackupType type() {
        return BackupType.fromWire("backupType", backupType);
    }

    public BackupPurpose purposeValue() {
        return BackupPurpose.fromWire(purpose);
    }

    public BackupStatus statusValue() {
        return BackupStatus.fromWire("status", status);
    }
}
