package io.goldbackup.restore;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupSummary;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Isolation;

/**
 * A restore's plan: every change it would make, computed in one read-only REPEATABLE READ transaction so that the
 * totals, the diffs and the fingerprint describe the same instant.
 */
@ApplicationScoped
class RestorePlanner {

    /** How many wallets a plan names of each kind of missing wallet. */
    static final int SAMPLE = 20;

    private final RestorePlanRepository plans;
    private final RestoreConfig config;

    RestorePlanner(RestorePlanRepository plans, RestoreConfig config) {
        this.plans = plans;
        this.config = config;
    }

    /**
     * The plan, read in one REPEATABLE READ transaction, with the backup as {@code verdict} finds it: the verification
     * runs beside the reads and the plan waits for it before it answers (a tampered backup refuses the dry run).
     */
    RestorePlan plan(DbSession session, RestoreScope requested, BackupSummary backup, Verdict verdict,
            List<String> targets, Instant now) {
        RestoreScope scope = requested.of(backup);
        return session.transaction(Isolation.REPEATABLE_READ, true, () -> {
            session.useCanonicalText();
            RestorePlanRepository.PlanTotals t = plans.totals(session, scope, now);
            RecreatedWallets recreated = scope.safetySnapshot()
                    ? plans.recreated(session, scope, SAMPLE)
                    : RecreatedWallets.NONE;
            RestorePlanRepository.Diffs diffs = plans.diffs(session, scope, now, config.diffLimit());
            long[] meks = plans.mekChanges(session, scope);
            double listedDelta = diffs.listed().stream().mapToDouble(WalletDiff::goldDelta).sum();
            double totalDelta = t.goldAfter() - t.goldBefore();
            RestorePlan.Missing notLive = plans.backupWalletsNotLive(session, scope, SAMPLE);
            BackupSummary verified = verdict.await();
            return new RestorePlan(scope.runId(), verified, targets == null ? "all" : "targets",
                    targets == null ? null : targets.size(), t.inScope(), t.changing(),
                    targets == null ? List.of() : plans.targetsNotInBackup(session, scope),
                    notLive,
                    targets == null ? plans.liveWalletsOutsideBackup(session, scope.backupId(), SAMPLE) : null,
                    new RestorePlan.Totals(t.goldBefore(), t.goldAfter(), totalDelta, t.rateBefore(), t.rateAfter(),
                            t.rateAfter() - t.rateBefore()),
                    diffs.listed(),
                    new RestorePlan.Rest(t.changing() - diffs.listed().size(), totalDelta - listedDelta),
                    new RestorePlan.MekVerification(meks[0], meks[1]),
                    PlanFingerprint.of(backup.id(), backup.checksum(), targets, t.liveState(),
                            scope.restoreDeleted(), scope.deletesRecreated() ? recreated.liveState() : null),
                    now, scope.restoreDeleted() ? notLive.count() : 0, recreated.toDelete(scope),
                    recreated.kept(scope, SAMPLE), recreated.warnings(scope), scope.restoreDeleted());
        });
    }
}
