package io.goldbackup.retention;

import io.goldbackup.web.ConflictException;

/** Another cleanup runs (on this or another replica). */
public class CleanupInProgressException extends ConflictException {

    public CleanupInProgressException() {
        super("Another cleanup is running; try again when it has finished.");
    }
}
