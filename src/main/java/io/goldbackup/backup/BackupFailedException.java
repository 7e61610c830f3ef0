package io.goldbackup.backup;

import io.goldbackup.web.OperationFailedException;

/** A backup was attempted and failed; it is recorded as failed and nothing of it remains. */
public class BackupFailedException extends OperationFailedException {

    private final long backupId;

    public BackupFailedException(long backupId, String reason) {
        super("Backup " + backupId + " failed: " + reason);
        this.backupId = backupId;
    }

    public long backupId() {
        return backupId;
    }
}
