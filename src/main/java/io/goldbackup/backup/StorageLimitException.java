package io.goldbackup.backup;

import io.goldbackup.web.InsufficientStorageException;

/** A backup would break a hard storage limit; it is refused before anything of it remains. Answered 507. */
public class StorageLimitException extends InsufficientStorageException {

    public StorageLimitException(String message) {
        super(message);
    }
}
