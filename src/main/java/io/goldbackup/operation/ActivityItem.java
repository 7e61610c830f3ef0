package io.goldbackup.operation;

import java.time.Instant;

import io.quarkus.qute.TemplateData;

/**
 * One operation as the console's status board shows it, whatever its kind: running now, or among the latest outcomes.
 *
 * @param kind {@code backup}, {@code restore}, {@code dry-run}, {@code cleanup}, {@code cleanup-dry-run},
 *        {@code offsite-copy}, {@code offsite-import} or {@code drill}
 * @param id the row's id in its own table (a backup's id, a restore run's, ...)
 * @param subject what it works on, in words ("backup #12", "to target eu")
 * @param actor who started it (the person's name, the subject, or the schedule); null for copies, which the copy job
 *        and the backup itself start
 * @param status its table's status ({@code running}, {@code completed}, {@code failed}, {@code passed} ...)
 * @param startedAt when it started
 * @param finishedAt when it ended; null while running
 * @param processed progress: units done (wallets of a restore, backups of a cleanup); null when not measured
 * @param total progress: units in all; null when not known (yet)
 * @param backupId the backup it concerns, for a link; null when none
 */
@TemplateData
public record ActivityItem(String kind, long id, String subject, String actor, String status, Instant startedAt,
        Instant finishedAt, Long processed, Long total, Long backupId) {

    /** The kind in words. */
    public String kindLabel() {
        return switch (kind) {
            case "backup" -> "Backup";
            case "restore" -> "Restore";
            case "dry-run" -> "Restore dry run";
            case "cleanup" -> "Cleanup";
            case "cleanup-dry-run" -> "Cleanup dry run";
            case "offsite-copy" -> "Off-site copy";
            case "offsite-import" -> "Off-site import";
            case "drill" -> "Restore drill";
            default -> kind;
        };
    }

    /** Whether the progress is measured: a total above zero. */
    public boolean hasProgress() {
        return total != null && total > 0 && processed != null;
    }

    /** Where the console shows it in full. */
    public String href() {
        return switch (kind) {
            case "backup" -> "/console/backup?id=" + id;
            case "restore", "dry-run" -> "/console/restore";
            case "cleanup", "cleanup-dry-run" -> "/console/cleanup";
            case "drill" -> "/console/drills";
            default -> backupId == null ? "/console/backups" : "/console/backup?id=" + backupId;
        };
    }
}
