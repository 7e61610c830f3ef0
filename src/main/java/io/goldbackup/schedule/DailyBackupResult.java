package io.goldbackup.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.goldbackup.backup.BackupSummary;

/**
 * The daily job's answer: whether this run created the day's backup, and which backup the day has.
 *
 * @param backup the created backup, only when created
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DailyBackupResult(boolean created, Long backupId, String day, BackupSummary backup) {
}
