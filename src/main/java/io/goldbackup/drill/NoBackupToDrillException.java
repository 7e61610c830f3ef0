package io.goldbackup.drill;

import io.goldbackup.web.ConflictException;

/** A drill of the newest completed backup was asked for, and there is none yet. */
public class NoBackupToDrillException extends ConflictException {

    public NoBackupToDrillException() {
        super("There is no completed backup to drill yet; take a backup first.");
    }
}
