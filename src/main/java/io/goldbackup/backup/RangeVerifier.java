package io.goldbackup.backup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.Database;
import io.goldbackup.db.Isolation;
import io.goldbackup.web.Refusal;

/**
 * The verification a restore or dry run of named wallets needs: only the ranges of the backup's hash tree that hold
 * those wallets are re-read ({@link RowDigest}), and the stored ranges are checked against the recorded checksum, which
 * the seal covers. It costs what the wallets touch (a restore of 100 wallets re-reads at most 25,600 rows of a
 * million), not the size of the backup. A range that fails is a verdict like a full verification's: the backup becomes
 * corrupt, audited. A pass is no verdict on the rest of the backup: it records nothing (a full verification, on demand
 * or scheduled, reads every row). A version-1 backup (a flat checksum), or wallets spread over more than half the
 * ranges, get the full verification.
 */
@ApplicationScoped
public class RangeVerifier {

    private final Database database;
    private final BackupVerifier full;
    private final BackupRangeRepository ranges;
    private final SealKeys keys;
    private final VerifyConfig config;
    private final VerificationMetrics metrics;
    private final java.time.Clock clock;

    RangeVerifier(Database database, BackupVerifier full, BackupRangeRepository ranges, SealKeys keys,
            VerifyConfig config, VerificationMetrics metrics, java.time.Clock clock) {
        this.database = database;
        this.full = full;
        this.ranges = ranges;
        this.keys = keys;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Verifies the part of backup {@code id} that holds {@code addresses}: its seal, its stored ranges against the
     * recorded checksum, and the rows of the ranges holding the addresses against those ranges.
     *
     * @throws BackupNotFoundException when it does not exist
     * @throws BackupNotCompletedException when it is running or failed
     */
    public VerifyResult verifyWallets(long id, Collection<String> addresses) {
        Reading reading;
        try {
            reading = database.transaction(Isolation.REPEATABLE_READ, true, session -> {
                VerificationRepository.Stored stored = full.verifiable(session, id);
                if (stored.fields().snapshotVersion() != RowDigest.TREE) {
                    return null;
                }
                BackupRangeRepository.Summary kept = ranges.summary(session, id);
                List<RangeCheck.Stored> holding = ranges.holding(session, id, addresses);
                if (holding.size() * 2L > kept.ranges() && kept.ranges() > 1) {
                    return null;
                }
                session.useCanonicalText();
                return new Reading(stored, kept, holding,
                        ranges.rehash(session, id, holding.stream().map(RangeCheck.Stored::bounds).toList()));
            });
        } catch (RuntimeException e) {
            if (!(e instanceof Refusal)) {
                metrics.count(VerificationMetrics.ERROR);
            }
            throw e;
        }
        if (reading == null) {
            return full.verify(id);
        }
        BackupSeal.Fields fields = reading.stored().fields();
        String storedProblem = RangeCheck.storedProblem(reading.kept(), fields.checksum(), fields.walletCount());
        List<String> mismatches = RangeCheck.mismatches(reading.holding(), reading.now());
        boolean rowsOk = storedProblem == null && mismatches.isEmpty();
        if (!rowsOk && full.deleting(id)) {
            metrics.count(VerificationMetrics.ERROR);
            throw new BackupBeingDeletedException(id);
        }
        BackupSeal.Seal seal = reading.stored().seal();
        BackupSeal.Check check = BackupSeal.check(keys, fields, seal);
        boolean ok = rowsOk && check.passes(config.requireSeal());
        long reread = reading.now().values().stream().mapToLong(CanonicalRowsRepository.Rehashed::rows).sum();
        String detail = describe(reading, storedProblem, mismatches, reread) + "; "
                + full.describe(fields, null, rowsOk, check, seal);
        Instant at = clock.instant();
        BackupStatus now = BackupStatus.fromWire("status", reading.stored().status());
        if (!ok) {
            now = full.record(id, false, detail, at, reading.stored().status(), check, rowsOk);
        }
        return new VerifyResult(id, ok, fields.checksum(), rowsOk ? fields.checksum() : reading.kept().root(), reread,
                rowsOk, check.wire(), seal == null ? null : seal.keyId(), now, ok ? null : at, detail);
    }

    private static String describe(Reading r, String storedProblem, List<String> mismatches, long reread) {
        if (storedProblem != null) {
            return storedProblem;
        }
        if (!mismatches.isEmpty()) {
            return String.join("; ", mismatches.subList(0, Math.min(10, mismatches.size())))
                    + (mismatches.size() > 10 ? "; ..." : "");
        }
        return "the " + r.holding().size() + " of " + r.kept().ranges() + " ranges holding the named wallets (" + reread
                + " rows) hash to their recorded digests, which hash to the recorded checksum";
    }

    private record Reading(VerificationRepository.Stored stored, BackupRangeRepository.Summary kept,
            List<RangeCheck.Stored> holding, Map<Integer, CanonicalRowsRepository.Rehashed> now) {
    }
}
