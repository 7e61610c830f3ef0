package io.goldbackup.offsite;

import java.time.Instant;
import java.util.UUID;

/**
 * An off-site copy past its retention, which a cleanup removes (or, under Object Lock until later, keeps).
 *
 * @param retainedUntil set when the object store still protects it: it is kept, whatever the policy says
 */
public record ExpiredCopy(long backupId, UUID uuid, String target, String backupType, Instant expiresAt,
        long storedBytes, Instant retainedUntil) {
}
