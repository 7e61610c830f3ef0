package io.goldbackup.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A backup as the API shows it, with the seed's field names plus status, timing, size, checksum and expiry.
 *
 * @param ageHours whole hours since the backup was taken
 * @param ageDays whole days since the backup was taken
 * @param purpose {@code restore_safety} for a restore's safety snapshot, else {@code backup}
 * @param uuid globally unique, names the backup's off-site copies
 * @param importedFrom for a backup brought back from an off-site copy: where from
 * @param sealKeyId the key its seal was made with; null when it is unsealed (see {@link BackupVerifier})
 * @param lastVerifiedAt when it was last verified; null when never
 * @param lastVerifyOk whether that verification passed; null when never verified
 * @param lastVerifyDetail that verification's verdict in words
 */
public record BackupSummary(long id, Instant backupTimestamp, String backupName, BackupType backupType,
        String triggeredBy, long totalUsersBackedUp, String notes, int snapshotVersion, String systemVersion,
        BackupStatus status, Long durationMs, Long sizeBytes, String checksum, Instant expiresAt, long ageHours,
        long ageDays, List<BackupWarning> warnings, String error, BackupPurpose purpose, UUID uuid,
        @JsonInclude(JsonInclude.Include.NON_NULL) ImportedFrom importedFrom, String sealKeyId, Instant lastVerifiedAt,
        Boolean lastVerifyOk, String lastVerifyDetail) {

    /**
     * Where an imported backup came from.
     *
     * @param target the off-site target it was imported from
     * @param originalBackupId its id in the database that made the copy
     * @param originalTimestamp when it was taken there
     */
    public record ImportedFrom(String target, long originalBackupId, Instant originalTimestamp) {
    }

    static BackupSummary of(Backup b, List<BackupWarning> warnings, Instant now) {
        Duration age = Duration.between(b.backupTimestamp, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        return new BackupSummary(b.id, b.backupTimestamp, b.backupName, b.type(), b.triggeredBy,
                b.totalUsersBackedUp, b.notes, b.snapshotVersion, b.systemVersion, b.statusValue(), b.durationMs,
                b.sizeBytes, b.checksum, b.expiresAt, age.toHours(), age.toDays(), warnings, b.error,
                b.purposeValue(), b.uuid, b.importedFromTarget == null
                        ? null
                        : new ImportedFrom(b.importedFromTarget, b.importedOriginalId, b.importedOriginalTimestamp),
                b.sealKeyId, b.lastVerifiedAt, b.lastVerifyOk, b.lastVerifyDetail);
    }
}
