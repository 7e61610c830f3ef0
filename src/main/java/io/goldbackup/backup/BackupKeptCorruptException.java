package io.goldbackup.backup;

import io.goldbackup.web.ConflictException;

/**
 * A cleanup does not delete a backup marked corrupt: it is the evidence of an integrity failure, kept until an admin
 * deletes it after the investigation. Also when a verification marked it corrupt after the cleanup selected it.
 */
public class BackupKeptCorruptException extends ConflictException {

    public BackupKeptCorruptException(long id) {
        super("Backup " + id + " is marked corrupt: a cleanup keeps it (delete it explicitly when the investigation is "
                + "over).");
    }
}
