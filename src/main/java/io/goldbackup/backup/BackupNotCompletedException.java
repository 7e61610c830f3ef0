package io.goldbackup.backup;

import io.goldbackup.web.ConflictException;

/** The operation needs a completed backup, and this one is running or failed. */
public class BackupNotCompletedException extends ConflictException {

    public BackupNotCompletedException(long id, String status) {
        super("Backup " + id + " is " + status + "; only a completed backup can be used for this.");
    }
}
