package io.goldbackup.retention;

import io.goldbackup.web.InsufficientStorageException;

/** A backup would break a hard storage limit; it is refused before anything of it remains. Answered 507. */
public class StorageLimitException extends InsufficientStorageException {

    private final String reason;

    public StorageLimitException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@code max_backups} or {@code max_size}: the metric label. */
    public String reason() {
        return reason;
    }
}
