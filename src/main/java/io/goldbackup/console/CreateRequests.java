package io.goldbackup.console;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.web.ConflictException;
import io.goldbackup.web.InvalidInputException;

/**
 * The create page's guard against a backup started twice by accident (a double click, a resent form): the page sends
 * one key per backup it means to create ({@code Idempotency-Key}); a second request with a key already used starts
 * nothing. While the first runs it is refused (409); once the first created its backup, it answers that backup again.
 * Keys are kept {@value #KEEP_MINUTES} minutes on this instance, at most {@value #MAX_KEYS}: enough for a click and a
 * retry, which a session's requests reach on one instance; the API, whose clients retry on purpose, has no such guard.
 */
@ApplicationScoped
class CreateRequests {

    static final int KEEP_MINUTES = 10;
    static final int MAX_KEYS = 10_000;

    /** A backup already asked for with the same key and still being taken. */
    static final class DuplicateCreateException extends ConflictException {
        DuplicateCreateException() {
            super("this backup was already requested from this page and is still being taken; its progress is shown "
                    + "on the page");
        }
    }

    /** A key's request: the backup it created, once it has. */
    private record Entry(long claimedAt, Long backupId) {
    }

    private final Map<String, Entry> keys = new ConcurrentHashMap<>();

    /**
     * Runs {@code create} once per {@code key}: answers its backup id, or empty when the key already created one,
     * whose id {@link #created} then answers.
     *
     * @throws DuplicateCreateException while the key's first request runs
     */
    long once(String key, LongSupplier create) {
        if (key == null || key.isBlank()) {
            return create.getAsLong();
        }
        if (key.length() > 100) {
            throw new InvalidInputException("Idempotency-Key", "must be at most 100 characters");
        }
        forgetOld();
        Entry claimed = new Entry(System.nanoTime(), null);
        Entry earlier = keys.putIfAbsent(key, claimed);
        if (earlier != null) {
            if (earlier.backupId() == null) {
                throw new DuplicateCreateException();
            }
            return earlier.backupId();
        }
        try {
            long id = create.getAsLong();
            keys.put(key, new Entry(claimed.claimedAt(), id));
            return id;
        } catch (RuntimeException e) {
            // Refused or failed: nothing was created, and the person may try again with the same form.
            keys.remove(key);
            throw e;
        }
    }

    /** Whether {@code key} already created a backup: its id. */
    Optional<Long> created(String key) {
        return Optional.ofNullable(key).map(keys::get).map(Entry::backupId);
    }

    private void forgetOld() {
        long oldest = System.nanoTime() - Duration.ofMinutes(KEEP_MINUTES).toNanos();
        keys.values().removeIf(e -> e.claimedAt() - oldest < 0);
        if (keys.size() > MAX_KEYS) {
            keys.clear();
        }
    }
}
