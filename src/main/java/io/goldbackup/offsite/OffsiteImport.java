package io.goldbackup.offsite;

import java.time.Instant;
import java.util.UUID;

/**
 * One import of an off-site copy ({@code GET /offsite/{target}/imports/{id}}): what shows an import while it runs,
 * since the imported backup itself appears only when its one transaction commits.
 *
 * @param uuid the copy's backup uuid: as requested, then as its manifest says
 * @param originalBackupId the backup's id where the copy was made: as requested, then as its manifest says
 * @param status {@code running}, {@code completed} or {@code failed}
 * @param backupId the imported backup here, once completed
 * @param error why it failed (a copy missing, damaged or not verifying; nothing imported)
 * @param operationId shared with the import's audit event and log lines
 */
public record OffsiteImport(long id, String target, UUID uuid, Long originalBackupId, String status,
        String triggeredBy, String actorName, Instant startedAt, Instant finishedAt, Long durationMs, Long backupId,
        String error, String operationId) {
}
