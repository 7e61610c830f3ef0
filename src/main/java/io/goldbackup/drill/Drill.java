package io.goldbackup.drill;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A restore drill as the API shows it: a completed backup restored into scratch tables and checked.
 *
 * @param source {@code database} (the backup's rows here) or {@code offsite} (its copy on {@code target})
 * @param status {@code running}, then {@code passed} (every invariant holds) or {@code failed}
 * @param durationMs the measured recovery time for the backup's size: its integrity check and the restore into the
 *        scratch tables (for an off-site drill also the download, decryption and load of the copy); null while
 *        running, or when the drill failed before the restore ended
 * @param walletCount the wallets restored
 * @param invariants each check in the order it ran, with its outcome and figures
 * @param error why the drill failed, when it is not (only) a failed invariant
 * @param triggeredBy the caller's token subject, or {@code scheduler}
 * @param scheduledAs for a scheduled drill, which backup the schedule picked: {@code newest} or {@code oldest}
 * @param withinRecoveryObjective whether {@code durationMs} is within {@code gold-backup.drill.recovery-objective}
 */
@RegisterForReflection
public record Drill(long id, long backupId, UUID backupUuid, String source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String target, String status, Instant startedAt,
        Instant finishedAt, Long durationMs, Long walletCount, List<Invariant> invariants,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error, String triggeredBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String scheduledAs, Boolean withinRecoveryObjective) {

    public static final String DATABASE = "database";
    public static final String OFFSITE = "offsite";
    public static final String RUNNING = "running";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    /** Whether the drill passed. */
    public boolean passed() {
        return PASSED.equals(status);
    }

    /**
     * One checked invariant.
     *
     * @param name {@code wallet-count}, {@code totals}, {@code top-wallets}, {@code restored-fields}, {@code gold-rule}
     *        or {@code checksum}
     * @param ok whether it holds
     * @param detail the figures behind the verdict, in words
     */
    @RegisterForReflection
    public record Invariant(String name, boolean ok, String detail) {
    }
}
