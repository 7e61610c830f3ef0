package io.goldbackup.schedule;

import java.time.LocalDate;

import io.goldbackup.web.ConflictException;

/** The day's scheduled backup is being taken (on this or another replica): an asynchronous trigger does not wait. */
class DailyBackupRunningException extends ConflictException {

    DailyBackupRunningException(LocalDate day) {
        super("The daily backup for " + day + " is being taken right now (by this or another replica); see GET "
                + "/api/v1/backups?type=auto_daily, or send the request again when it has finished.");
    }
}
