package io.goldbackup.retention;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the cleanup log ({@code GET /cleanups/{id}}): a cleanup or dry run, from the API or the weekly job.
 *
 * @param status {@code running}, {@code completed} or {@code failed}
 * @param daysToKeep the override given, null for the per-type retention
 * @param backupsTotal backups found due; null until the run has looked
 * @param backupsProcessed backups deleted so far (for a dry run, listed): progress while a cleanup runs
 * @param report the report, exactly as {@code POST /cleanup} answers it, once completed (only in the detail view)
 * @param error why it failed
 * @param operationId shared with the run's audit event and log lines
 */
public record CleanupRun(long id, String status, boolean dryRun, Integer daysToKeep, String triggeredBy,
        String actorName, Instant startedAt, Instant finishedAt, Long durationMs, Integer backupsTotal,
        int backupsProcessed, JsonNode report, String error, String operationId) {
}
