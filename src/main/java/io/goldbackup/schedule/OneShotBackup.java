package io.goldbackup.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.security.Actor;
import io.goldbackup.web.Refusal;
import io.quarkus.logging.Log;

/**
 * The one-shot backup, {@code job backup --type T [--description D]}: what a deploy hook runs before a game release
 * or a migration. One backup through {@link BackupService}, the API's path (storage limits, audit event
 * {@code backup.create}, metrics), as {@link Actor#JOB}. No retries inside: a refusal would only be refused again,
 * and the Kubernetes Job's {@code backoffLimit} retries a failure in a new pod.
 */
@ApplicationScoped
public class OneShotBackup {

    /** The notes of a backup this job takes, so that the list tells it from one taken through the API. */
    static final String NOTES = "Taken by the one-shot command job backup (a deploy hook)";

    private final BackupService backups;

    OneShotBackup(BackupService backups) {
        this.backups = backups;
    }

    /**
     * Takes the backup.
     *
     * @return true when it completed; false when it was refused or failed (the reason is logged)
     */
    public boolean run(BackupJobArguments args) {
        try {
            BackupSummary backup = backups.create(args.type(), args.description(), NOTES, Actor.JOB);
            if (backup.status() != BackupStatus.COMPLETED) {
                Log.errorf("Backup %d (%s) ended %s: %s", backup.id(), backup.backupType().wire(),
                        backup.status().wire(), backup.error());
                return false;
            }
            Log.infof("Backup %d completed: %s \"%s\", %d wallets, checksum %s", backup.id(),
                    backup.backupType().wire(), backup.backupName(), backup.totalUsersBackedUp(), backup.checksum());
            return true;
        } catch (RuntimeException e) {
            Log.errorf("The %s backup was %s: %s", args.type().wire(), e instanceof Refusal ? "refused" : "not taken",
                    e.getMessage());
            return false;
        }
    }
}
