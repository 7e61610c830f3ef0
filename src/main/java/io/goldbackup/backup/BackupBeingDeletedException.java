package io.goldbackup.backup;

import io.goldbackup.web.ConflictException;

/**
 * A verification found rows missing while the backup's partition is being taken away by a delete: no verdict (the
 * backup is going, not corrupt).
 */
public class BackupBeingDeletedException extends ConflictException {

    public BackupBeingDeletedException(long id) {
        super("Backup " + id + " is being deleted: its rows are going, so it was not verified.");
    }
}
