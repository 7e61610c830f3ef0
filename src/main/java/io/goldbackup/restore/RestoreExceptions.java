package io.goldbackup.restore;

import io.goldbackup.web.ConflictException;
import io.goldbackup.web.OperationFailedException;
import io.goldbackup.web.UnknownResourceException;

/** The ways a restore is refused or fails, by meaning. */
final class RestoreExceptions {

    private RestoreExceptions() {
    }

    /** Another real restore is running. */
    static class RestoreInProgressException extends ConflictException {
        RestoreInProgressException() {
            super("Another restore is running; one restore runs at a time. Try again when it has finished.");
        }
    }

    /** The wallets changed since the plan whose fingerprint was passed. */
    static class PlanChangedException extends ConflictException {
        PlanChangedException() {
            super("The wallets in scope changed since the dry run whose fingerprint was given; nothing was "
                    + "restored. Run the dry run again and review the new plan.");
        }
    }

    /** The backup's rows no longer match its checksum. */
    static class BackupTamperedException extends ConflictException {
        BackupTamperedException(long backupId, String expected, String actual) {
            super("Backup " + backupId + " failed its integrity check: its rows hash to " + actual
                    + " but it was recorded as " + expected + ". It will not be restored.");
        }
    }

    /** No restore run has the id. */
    static class RestoreRunNotFoundException extends UnknownResourceException {
        RestoreRunNotFoundException(long id) {
            super("Restore run " + id + " does not exist.");
        }
    }

    /** The restore ran and failed; everything was rolled back. */
    /** The run has no plan to show: not a dry run, or not completed. */
    static class PlanNotFoundException extends UnknownResourceException {
        PlanNotFoundException(long id) {
            super("Restore run " + id + " has no plan: it is not a dry run, or it has not completed.");
        }
    }

    static class RestoreFailedException extends OperationFailedException {
        RestoreFailedException(long runId, String reason) {
            super("Restore run " + runId + " failed and was rolled back; nothing changed: " + reason);
        }
    }
}
