package io.goldbackup.offsite;

import java.time.Instant;

/**
 * A backup's copy on one target, as the API shows it.
 *
 * @param status {@code pending}, {@code running}, {@code completed}, {@code failed} or {@code deleted}
 * @param attempts tries so far; a failed copy is tried again at {@code nextAttemptAt} until the configured maximum
 * @param storedBytes bytes stored (compressed and encrypted)
 * @param plainBytes bytes of the backup's canonical rows
 * @param sha256 SHA-256 of the stored object
 */
public record CopyView(String target, String status, int attempts, Instant nextAttemptAt, String objectKey,
        String manifestKey, Long storedBytes, Long plainBytes, String sha256, String keyId, Instant startedAt,
        Instant finishedAt, Long durationMs, Instant expiresAt, String error) {

    static CopyView of(OffsiteCopy c) {
        return new CopyView(c.target, c.status, c.attempts, c.nextAttemptAt, c.objectKey, c.manifestKey, c.storedBytes,
                c.plainBytes, c.sha256, c.keyId, c.startedAt, c.finishedAt, c.durationMs, c.expiresAt, c.error);
    }
}
