package io.goldbackup.backup;

import io.goldbackup.web.ConflictException;

/** The UTC day already has an auto_daily backup that did not fail. */
public class DailyBackupExistsException extends ConflictException {

    public DailyBackupExistsException(String day) {
        super("An auto_daily backup for " + day + " already exists or is running.");
    }
}
