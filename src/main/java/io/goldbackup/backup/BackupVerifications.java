package io.goldbackup.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DatabaseException;
import io.goldbackup.db.DbSession;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.web.ServiceStoppingException;
import io.quarkus.logging.Log;

/**
 * The scheduled verification: every completed backup verified again at least every {@code gold-backup.verify.every},
 * never verified first, then the longest unverified, within {@code gold-backup.verify.budget} per run (a thousand
 * backups never hold a night: the run starts no new verification once the budget is spent, and the rest are first the
 * next time). One run at a time across replicas (an advisory lock); each backup goes through
 * {@link BackupVerifier}, the path every verification takes. The caller (the job) makes it an operation.
 */
@ApplicationScoped
public class BackupVerifications {

    private final BackupVerifier verifier;
    private final VerificationRepository verifications;
    private final VerifyConfig config;
    private final Database database;
    private final ShutdownGuard shutdown;
    private final Clock clock;

    BackupVerifications(BackupVerifier verifier, VerificationRepository verifications, VerifyConfig config,
            Database database, ShutdownGuard shutdown, Clock clock) {
        this.verifier = verifier;
        this.verifications = verifications;
        this.config = config;
        this.database = database;
        this.shutdown = shutdown;
        this.clock = clock;
    }

    /**
     * Verifies the backups due now, in order, until none is left or the budget is spent.
     *
     * @throws VerificationRunningException when another run holds the turn
     */
    public VerifyRun verifyDue() {
        Instant started = clock.instant();
        Instant deadline = started.plus(config.budget());
        try (DbSession turn = database.openForLock()) {
            if (!turn.tryLock(AdvisoryLock.VERIFY, 0)) {
                throw new VerificationRunningException();
            }
            try {
                List<Long> due = verifications.due(started.minus(config.every()));
                List<VerifyRun.Item> items = new ArrayList<>();
                int ok = 0;
                int mismatch = 0;
                int errors = 0;
                boolean budgetSpent = false;
                for (long id : due) {
                    // Measured on the service's clock before each start: the one running when it runs out finishes.
                    if (!clock.instant().isBefore(deadline)) {
                        budgetSpent = true;
                        break;
                    }
                    shutdown.continueUnlessStopping();
                    VerifyRun.Item item = verifyOne(id);
                    items.add(item);
                    switch (item.result()) {
                        case VerificationMetrics.OK -> ok++;
                        case VerificationMetrics.MISMATCH -> mismatch++;
                        case VerificationMetrics.ERROR -> errors++;
                        default -> {
                        }
                    }
                }
                int remaining = due.size() - items.size();
                Log.infof("Verification run: %d due, %d ok, %d mismatch, %d error(s), %d left for the next run%s",
                        due.size(),
                        ok, mismatch, errors, remaining, budgetSpent ? " (budget " + config.budget() + " spent)" : "");
                return new VerifyRun(started, clock.instant(), config.every().toString(), config.budget().toString(),
                        due.size(), ok + mismatch, ok, mismatch, errors, remaining, budgetSpent, items);
            } finally {
                turn.unlockQuietly(AdvisoryLock.VERIFY, 0);
            }
        }
    }

    private VerifyRun.Item verifyOne(long id) {
        try {
            VerifyResult result = verifier.verify(id);
            return new VerifyRun.Item(id, result.ok() ? VerificationMetrics.OK : VerificationMetrics.MISMATCH,
                    result.seal(), result.detail());
        } catch (BackupNotFoundException | BackupNotCompletedException e) {
            return new VerifyRun.Item(id, "skipped", null, e.getMessage());
        } catch (ServiceStoppingException e) {
            throw e;
        } catch (RuntimeException e) {
            // Counted and logged; no verdict is recorded, so the backup stays due. The others are still verified.
            Log.errorf(e, "Verification of backup %d could not finish", id);
            return new VerifyRun.Item(id, VerificationMetrics.ERROR, null, "the verification could not finish: "
                    + (e instanceof DatabaseException db ? db.reason() : "see the service log"));
        }
    }
}
