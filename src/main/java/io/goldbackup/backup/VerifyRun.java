package io.goldbackup.backup;

import java.time.Instant;
import java.util.List;

/**
 * What one run of the scheduled verification did ({@code POST /api/v1/jobs/verify}, the scheduler, {@code job verify}).
 *
 * @param startedAt when it began; due means not verified since {@code startedAt - every}
 * @param every {@code gold-backup.verify.every}, ISO-8601
 * @param budget {@code gold-backup.verify.budget}, ISO-8601: no verification starts after {@code startedAt + budget}
 * @param due completed backups due when it began
 * @param verified verifications that reached a verdict ({@code ok + mismatch})
 * @param mismatch of those, how many failed: those backups are now corrupt
 * @param errors verifications that could not finish (no verdict recorded; they stay due)
 * @param remaining due backups not started because the budget was spent: first next time
 * @param budgetSpent whether the run stopped for its budget
 * @param backups each backup it took up, in the order it took them
 */
public record VerifyRun(Instant startedAt, Instant finishedAt, String every, String budget, int due, int verified,
        int ok, int mismatch, int errors, int remaining, boolean budgetSpent, List<Item> backups) {

    /**
     * One backup of the run.
     *
     * @param result {@code ok}, {@code mismatch}, {@code error}, or {@code skipped} (deleted or no longer completed
     *        since the run began)
     * @param seal the seal's check, as in {@link VerifyResult#seal()}; null without a verdict
     * @param detail the verdict, or why there is none
     */
    public record Item(long backupId, String result, String seal, String detail) {
    }
}
