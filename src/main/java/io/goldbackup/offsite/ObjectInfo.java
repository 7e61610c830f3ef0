package io.goldbackup.offsite;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One object in a target, as {@link ObjectStore#head} or {@link ObjectStore#list} sees it.
 *
 * @param key the key relative to the target's prefix, as the caller named it
 * @param size bytes
 * @param lastModified when the store last wrote it
 * @param metadata the user metadata ({@code x-amz-meta-*}, names in lower case); empty from {@code list}, which
 *        S3 answers without it
 * @param retainUntil the end of its Object Lock retention, or of the retention its {@value ObjectStore#RETAIN_UNTIL}
 *        metadata declares, whichever is later; empty from {@code list}
 */
public record ObjectInfo(String key, long size, Instant lastModified, Map<String, String> metadata,
        Optional<Instant> retainUntil) {

    public ObjectInfo {
        metadata = Map.copyOf(metadata);
    }

    /** Whether a retention keeps the object from being deleted at {@code now}. */
    public boolean retainedAt(Instant now) {
        return retainUntil.map(until -> until.isAfter(now)).orElse(false);
    }
}
