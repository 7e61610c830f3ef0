package io.goldbackup.offsite;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code offsite_copies}: one backup's copy on one target, its state and what the bucket holds of it. */
@Entity
@Table(name = "offsite_copies")
public class OffsiteCopy {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "backup_id")
    public long backupId;

    @Column(name = "backup_uuid")
    public UUID backupUuid;

    @Column(name = "backup_type")
    public String backupType;

    public String target;

    public String status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "manifest_key")
    public String manifestKey;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "stored_bytes")
    public Long storedBytes;

    @Column(name = "plain_bytes")
    public Long plainBytes;

    public String sha256;

    @Column(name = "key_id")
    public String keyId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "retain_until")
    public Instant retainUntil;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public String error;

    @Column(name = "operation_id")
    public String operationId;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
