package io.goldbackup.backup;

import io.goldbackup.web.ConflictException;

/** A run of the scheduled verification is going on (on this replica or another); one runs at a time. */
public class VerificationRunningException extends ConflictException {

    public VerificationRunningException() {
        super("A verification run is going on; one runs at a time across all replicas. Its verdicts show on the "
                + "backups (lastVerifiedAt, lastVerifyOk); try again when it has finished.");
    }
}
