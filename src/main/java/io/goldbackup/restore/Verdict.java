package io.goldbackup.restore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.goldbackup.backup.BackupSummary;

/**
 * The verification of a restore's backup, which may run beside the restore's (or dry run's) own work on a session of
 * its own: the work locks and reads the live rows meanwhile, and asks for the verdict before it writes anything or
 * answers. A full restore of a million wallets verifies every row (about 2.5 s) while it compares them with the live
 * ones (about 3 s), instead of one after the other, where the cores allow.
 */
final class Verdict {

    private final CompletableFuture<BackupSummary> verification;

    Verdict(CompletableFuture<BackupSummary> verification) {
        this.verification = verification;
    }

    /** The verification run on this thread, now: its verdict, or its refusal kept for {@link #await()}. */
    static Verdict of(Supplier<BackupSummary> verification) {
        try {
            return new Verdict(CompletableFuture.completedFuture(verification.get()));
        } catch (RuntimeException e) {
            return new Verdict(CompletableFuture.failedFuture(e));
        }
    }

    /** A backup not verified again (one marked corrupt that the request forces): nothing to wait for. */
    static Verdict notVerified(BackupSummary backup) {
        return new Verdict(CompletableFuture.completedFuture(backup));
    }

    /**
     * Waits for the verification.
     *
     * @return the backup as it is after the verification, as the plan and the run show it
     * @throws RuntimeException the verification's refusal (a tampered backup: 409) or failure, as it threw it
     */
    BackupSummary await() {
        try {
            return verification.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Waits for the verification to end, whatever its outcome, after work that may not have asked for it (it failed
     * first): an operation does not end while a part of it still reads.
     */
    void settle() {
        try {
            verification.join();
        } catch (RuntimeException e) {
            // The work's own outcome is the operation's; a verdict recorded meanwhile stays recorded.
        }
    }
}
