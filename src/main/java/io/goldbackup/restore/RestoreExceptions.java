package io.goldbackup.restore;

import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.VerifyResult;
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

    /** The backup's rows no longer match its checksum, or its seal no longer matches them. */
    static class BackupTamperedException extends ConflictException {
        BackupTamperedException(VerifyResult verify) {
            super("Backup " + verify.backupId() + " failed its integrity check: " + verify.detail()
                    + ". It is marked corrupt and will not be restored" + FORCE);
        }
    }

    /** The backup is marked corrupt by an earlier verification. */
    static class BackupCorruptException extends ConflictException {
        BackupCorruptException(BackupSummary backup) {
            super("Backup " + backup.id() + " is corrupt: " + (backup.lastVerifyDetail() == null
                    ? "a verification found it does not match"
                    : "its verification at " + backup.lastVerifiedAt() + " found " + backup.lastVerifyDetail())
                    + ". It will not be restored" + FORCE);
        }
    }

    /** What an admin may do about a corrupt backup. */
    private static final String FORCE = "; a backup-admin can restore from it anyway with \"force\": true (audited as "
            + "forced). See README, \"Verification and integrity\".";

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
