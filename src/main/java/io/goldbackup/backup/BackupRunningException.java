package io.goldbackup.backup;

import io.goldbackup.web.ConflictException;

/** A running backup cannot be deleted: it may still complete. */
public class BackupRunningException extends ConflictException {

    public BackupRunningException(long id) {
        super("Backup " + id + " is still running; wait for it to complete or fail.");
    }

    /** No backup starts on an instance that is stopping. */
    static BackupRunningException stopping() {
        return new BackupRunningException("This instance is stopping; take the backup on another instance.");
    }

    private BackupRunningException(String message) {
        super(message);
    }
}
