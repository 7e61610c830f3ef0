package io.goldbackup.drill;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /drills}; every field is optional.
 *
 * @param backupId the backup to drill; absent: the newest completed backup (safety snapshots left out)
 * @param source {@code database} (default): restore the backup's rows from this database; {@code offsite}: restore
 *        its off-site copy on {@code target}, which proves the whole disaster path
 * @param target the off-site target to read the copy from; required with {@code offsite}, refused otherwise
 */
public record DrillRequest(
        @Positive(message = "must be a positive id") Long backupId,
        @Size(max = 40, message = "must be database or offsite") String source,
        @Size(max = 40, message = "must be a target name") String target) {

    /** The request of a drill with every default. */
    public static DrillRequest defaults() {
        return new DrillRequest(null, null, null);
    }
}
