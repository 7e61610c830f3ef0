package io.goldbackup.backup;

import io.goldbackup.web.ConflictException;

/** A running backup cannot be deleted: it may still complete. */
public class BackupRunningException extends ConflictException {

    public BackupRunningException(long id) {
        super("Backup " + id + " is still running; wait for it to complete or fail.");
    }

}
