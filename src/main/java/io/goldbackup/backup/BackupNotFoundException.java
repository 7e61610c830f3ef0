package io.goldbackup.backup;

import io.goldbackup.web.UnknownResourceException;

/** No backup has the requested id. */
public class BackupNotFoundException extends UnknownResourceException {

    public BackupNotFoundException(long id) {
        super("Backup " + id + " does not exist.");
    }
}
