package io.goldbackup.restore;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the restore log: a restore or a dry run, who ran it, what it did.
 *
 * @param status {@code running}, {@code completed}, {@code failed} or {@code refused}
 * @param targetWallets the named wallets of a targeted restore (only in the detail view), null for a full one
 * @param walletsTotal wallets in scope
 * @param walletsProcessed wallets written so far (a restore writes only those that differ from the backup, re-created
 *        ones included): progress while a restore runs
 * @param walletsChanged wallets in scope whose values differ from the backup: those a restore writes (known once it
 *        holds its lock, before it writes), the plan's {@code walletsToChange}
 * @param safetyBackupId the emergency backup of the affected wallets taken first; restore it to undo
 * @param operationId shared with the run's audit event and log lines
 * @param walletsRecreated with {@code restoreDeleted}: the wallets re-created (recorded with the safety snapshot,
 *        which an undo with {@code restoreDeleted} deletes again); else null
 * @param walletsDeleted restoring a safety snapshot: the wallets its restore had re-created that this one deleted
 *        again (an undo with {@code restoreDeleted}); else null
 * @param recreatedWalletsKept restoring a safety snapshot: the wallets its restore had re-created that this one left
 *        in place (owning meks now, or all without {@code restoreDeleted}); else null
 * @param warnings what the run left for a person to look at, in words; empty when nothing
 */
public record RestoreRun(long id, long backupId, boolean dryRun, String triggeredBy, String actorName,
        Integer targetCount, List<String> targetWallets, String status, Instant startedAt, Instant finishedAt,
        Long durationMs, Long walletsTotal, long walletsProcessed, Long walletsChanged, Double goldBefore,
        Double goldAfter, Long safetyBackupId, String fingerprint, String error, String operationId,
        Long walletsRecreated, Long walletsDeleted, Long recreatedWalletsKept, List<String> warnings) {
}
