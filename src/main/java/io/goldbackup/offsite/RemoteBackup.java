package io.goldbackup.offsite;

import java.time.Instant;

/**
 * A backup a bucket holds, as its manifest describes it.
 *
 * @param uuid the backup's globally unique id
 * @param backupId its id in the database that made the copy
 * @param storedBytes the size of its stored objects
 * @param keyId the key it was made with
 * @param verified whether its manifest verified with a configured key (false: unknown key or a bad MAC)
 * @param knownLocally whether this database has a backup with this uuid
 */
public record RemoteBackup(String uuid, long backupId, Instant backupTimestamp, String backupType, String backupName,
        long totalUsersBackedUp, long storedBytes, String keyId, Instant createdAt, boolean verified,
        boolean knownLocally) {
}
