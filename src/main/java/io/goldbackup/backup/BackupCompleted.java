package io.goldbackup.backup;

/**
 * A backup was taken and committed (fired by {@link BackupService#create}; not for a restore's safety snapshot): what
 * follows it (an off-site copy) observes this.
 */
public record BackupCompleted(BackupSummary backup) {
}
