package io.goldbackup.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.goldbackup.audit.AuditEntry;
import io.goldbackup.audit.AuditTrail;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Isolation;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.security.Actor;
import io.goldbackup.web.ConflictException;
import io.goldbackup.web.Refusal;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The one verification path, whoever asks (the API, the console, a restore before it uses a backup, the scheduled
 * run): the checksum recomputed over every row and compared with the recorded one, and the seal checked over the
 * recorded checksum and metadata ({@link BackupSeal}). The verdict is stored on the backup ({@code last_verified_at},
 * {@code last_verify_ok}, the reason), a failing backup becomes {@code corrupt} (and a corrupt one that passes again
 * {@code completed}), the change of status is audited with whoever verified, and every verification is counted in
 * {@code gold_backup_verify_total{result}}. Also seals backups as they complete.
 */
@ApplicationScoped
public class BackupVerifier {

    private final Database database;
    private final SnapshotRepository rows;
    private final VerificationRepository verifications;
    private final SealKeys keys;
    private final VerifyConfig config;
    private final VerificationMetrics metrics;
    private final AuditTrail audit;
    private final Clock clock;
    private final Event<BackupVerified> verified;
    private final PartitionRepository partitions;
    private final BackupRangeRepository ranges;

    BackupVerifier(Database database, SnapshotRepository rows, VerificationRepository verifications, SealKeys keys,
            VerifyConfig config, VerificationMetrics metrics, AuditTrail audit, Clock clock,
            Event<BackupVerified> verified, PartitionRepository partitions, BackupRangeRepository ranges) {
        this.partitions = partitions;
        this.ranges = ranges;
        this.database = database;
        this.rows = rows;
        this.verifications = verifications;
        this.keys = keys;
        this.config = config;
        this.metrics = metrics;
        this.audit = audit;
        this.clock = clock;
        this.verified = verified;
    }

    /** Without a key there is no seal: refused at start when seals are required, said in the log otherwise. */
    void check(@Observes StartupEvent event) {
        if (keys.currentId().isEmpty()) {
            if (config.requireSeal()) {
                throw new IllegalStateException("gold-backup.verify.require-seal is on but GOLD_BACKUP_KEYS holds no "
                        + "key: set it to id:base64 entries of 32 random bytes each (the first is current)");
            }
            Log.warn("GOLD_BACKUP_KEYS holds no key: new backups are not sealed, and a verification checks only their "
                    + "checksum, which anyone who can write the database can recompute (README, \"Verification and "
                    + "integrity\")");
        }
    }

    /** The integrity figures: small, indexed reads of the metadata, never of wallet rows (health probes ask). */
    public Integrity integrity() {
        VerificationRepository.Counts counts = verifications.counts(clock.instant().minus(config.every()));
        return new Integrity(counts.corrupt(), counts.corruptIds(), counts.unsealedCompleted(), counts.overdue(),
                keys.currentId().orElse(null), config.requireSeal(), config.every().toString());
    }

    /**
     * How intact the backups are.
     *
     * @param corruptBackups backups marked corrupt
     * @param corruptBackupIds the first 20 of them
     * @param unsealedBackups completed backups without a seal (taken before seals, or without a key)
     * @param overdueVerifications completed backups not verified within {@code every}
     * @param sealKeyId the key new backups are sealed with; null when none is configured
     * @param requireSeal whether an unsealed backup fails verification
     */
    public record Integrity(long corruptBackups, List<Long> corruptBackupIds, long unsealedBackups,
            long overdueVerifications, String sealKeyId, boolean requireSeal, String every) {
    }

    /**
     * Seals backup {@code id} with the current key inside the caller's transaction on {@code session}: the one that
     * marks it completed, so that no completed backup is ever visible without its seal. No key: left unsealed.
     */
    void seal(DbSession session, long id) {
        VerificationRepository.Stored stored = verifications.read(session, id)
                .orElseThrow(() -> new IllegalStateException("backup " + id + " has no row to seal"));
        BackupSeal.seal(keys, stored.fields()).ifPresent(seal -> verifications.writeSeal(session, id, seal));
    }

    /**
     * Verifies backup {@code id}, completed or corrupt, inside the caller's operation, and records the verdict.
     *
     * @throws BackupNotFoundException when it does not exist
     * @throws BackupNotCompletedException when it is running or failed
     */
    public VerifyResult verify(long id) {
        Reading reading;
        try {
            reading = database.transaction(Isolation.REPEATABLE_READ, true, session -> {
                VerificationRepository.Stored stored = verifiable(session, id);
                session.useCanonicalText();
                int version = stored.fields().snapshotVersion();
                RowDigest.Result actual = rows.checksum(session, id, true, version);
                boolean rowsOk = actual.sha256().equals(stored.fields().checksum())
                        && actual.rows() == stored.fields().walletCount();
                // Only when the rows do not match: which ranges, as far as the stored ones can tell.
                return new Reading(stored, actual, rowsOk || version != RowDigest.TREE
                        ? null
                        : ranges.differing(session, id, actual.ranges(), 10),
                        rowsOk || version != RowDigest.TREE ? null : ranges.summary(session, id));
            });
        } catch (RuntimeException e) {
            if (!(e instanceof Refusal)) {
                metrics.count(VerificationMetrics.ERROR);
            }
            throw e;
        }
        BackupSeal.Fields fields = reading.stored().fields();
        RowDigest.Result actual = reading.actual();
        boolean rowsOk = actual.sha256().equals(fields.checksum()) && actual.rows() == fields.walletCount();
        if (!rowsOk && deleting(id)) {
            // Rows missing because a delete (an admin's or the cleanup's) is taking the partition away: no verdict.
            metrics.count(VerificationMetrics.ERROR);
            throw new BackupBeingDeletedException(id);
        }
        BackupSeal.Seal seal = reading.stored().seal();
        BackupSeal.Check check = BackupSeal.check(keys, fields, seal);
        boolean ok = rowsOk && check.passes(config.requireSeal());
        String detail = describe(fields, actual, rowsOk, check, seal)
                + (rowsOk ? "" : differingRanges(reading.stored(), reading.differing(), reading.kept()));
        Instant at = clock.instant();
        BackupStatus now = record(id, ok, detail, at, reading.stored().status(), check, rowsOk);
        VerifyResult result = new VerifyResult(id, ok, fields.checksum(), actual.sha256(), actual.rows(), rowsOk,
                check.wire(), seal == null ? null : seal.keyId(), now, at, detail);
        verified.fire(new BackupVerified(result));
        return result;
    }

    /**
     * Checks only the seal of backup {@code id} over its recorded checksum and metadata (no row is read): what an
     * off-site copy checks before it streams the rows, whose hash it then compares with that checksum. A seal that
     * fails is a verdict like any other: the backup becomes corrupt.
     *
     * @throws SealMismatchException when the seal does not pass
     */
    public void requireSealIntact(long id) {
        VerificationRepository.Stored stored = database.transaction(Isolation.READ_COMMITTED, true,
                session -> verifiable(session, id));
        BackupSeal.Check check = BackupSeal.check(keys, stored.fields(), stored.seal());
        if (!check.passes(config.requireSeal())) {
            String detail = describe(stored.fields(), null, true, check, stored.seal());
            record(id, false, detail, clock.instant(), stored.status(), check, true);
            throw new SealMismatchException(id, detail);
        }
    }

    /** Whether backup {@code id}'s partition is no longer attached: a delete is under way (or done). */
    boolean deleting(long id) {
        return database.transaction(Isolation.READ_COMMITTED, true,
                session -> partitions.partitionState(session, id) != PartitionRepository.PartitionState.ATTACHED);
    }

    VerificationRepository.Stored verifiable(DbSession session, long id) {
        VerificationRepository.Stored stored = verifications.read(session, id)
                .orElseThrow(() -> new BackupNotFoundException(id));
        if (!BackupStatus.COMPLETED.wire().equals(stored.status())
                && !BackupStatus.CORRUPT.wire().equals(stored.status())) {
            throw new BackupNotCompletedException(id, stored.status());
        }
        return stored;
    }

    /** Stores the verdict, counts it, audits a change of status; answers the status now. */
    BackupStatus record(long id, boolean ok, String detail, Instant at, String statusRead,
            BackupSeal.Check check, boolean rowsOk) {
        Optional<String> before = verifications.recordVerdict(id, ok, detail, at);
        metrics.count(ok ? VerificationMetrics.OK : VerificationMetrics.MISMATCH);
        BackupStatus now = ok ? BackupStatus.COMPLETED : BackupStatus.CORRUPT;
        if (before.isEmpty()) {
            return BackupStatus.fromWire("status", statusRead);
        }
        if (!before.get().equals(now.wire())) {
            statusChanged(id, now, detail, check, rowsOk, at);
        }
        return now;
    }

    /**
     * A backup became corrupt (or passed again): an audit event of its own, with whoever verified it and during which
     * operation, so that the trail says when and why a backup stopped being restorable.
     */
    private void statusChanged(long id, BackupStatus now, String detail, BackupSeal.Check check, boolean rowsOk,
            Instant at) {
        Optional<Operation> during = OperationRunner.current();
        Actor actor = during.map(Operation::actor).orElse(Actor.SCHEDULER);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("during", during.map(Operation::action).orElse(null));
        parameters.put("operationId", OperationRunner.currentId());
        parameters.put("checksumOk", rowsOk);
        parameters.put("seal", check.wire());
        String action = now == BackupStatus.CORRUPT ? "backup.marked-corrupt" : "backup.marked-completed";
        if (now == BackupStatus.CORRUPT) {
            Log.errorf("Backup %d is CORRUPT (verified by %s): %s", id, actor.subject(), detail);
        } else {
            Log.warnf("Backup %d, marked corrupt before, passed its verification (by %s) and is completed again: %s",
                    id, actor.subject(), detail);
        }
        audit.record(new AuditEntry(actor, action, "backup/" + id, parameters, "succeeded", 0,
                UUID.randomUUID().toString(), detail, at));
    }

    /** The verdict in words, for the backup's record, the API and the audit trail. */
    String describe(BackupSeal.Fields f, RowDigest.Result actual, boolean rowsOk,
            BackupSeal.Check check, BackupSeal.Seal seal) {
        List<String> parts = new ArrayList<>();
        if (actual != null) {
            parts.add(rowsOk
                    ? "the " + actual.rows() + " rows hash to the recorded checksum"
                    : "the rows (" + actual.rows() + ") hash to " + actual.sha256() + " but " + f.checksum() + " ("
                            + f.walletCount() + " wallets) was recorded");
        }
        String key = seal == null ? null : "'" + seal.keyId() + "'";
        parts.add(switch (check) {
            case VALID -> "the seal (key " + key + ") matches";
            case INVALID -> "the seal (key " + key + ") does not match the recorded checksum and metadata: they were "
                    + "changed after the backup was sealed, by someone without the key";
            case UNKNOWN_KEY -> "the seal names key " + key + ", which is not in GOLD_BACKUP_KEYS: put that key back "
                    + "(a rotation keeps the old keys) and verify again";
            case UNCHECKED -> "the seal (key " + key + ") was not checked: GOLD_BACKUP_KEYS holds no key";
            case UNSEALED -> config.requireSeal()
                    ? "the backup is unsealed, and gold-backup.verify.require-seal is on"
                    : "the backup is unsealed (taken before seals existed or without GOLD_BACKUP_KEYS): a checksum "
                            + "recomputed inside the database would not be noticed";
        });
        return String.join("; ", parts);
    }

    /** For a version-2 backup whose rows do not hash to its checksum: which ranges changed, as far as they tell. */
    private static String differingRanges(VerificationRepository.Stored stored, RangeCheck.Differing differ,
            BackupRangeRepository.Summary kept) {
        if (differ == null || differ.stored() == 0) {
            return "";
        }
        if (RangeCheck.storedProblem(kept, stored.fields().checksum(), stored.fields().walletCount()) != null) {
            return "; the stored ranges do not add up to the recorded checksum either, so they cannot say which rows "
                    + "changed";
        }
        return "; " + differ.count() + " of " + differ.stored() + " ranges differ: " + String.join(", ", differ.first())
                + (differ.count() > differ.first().size() ? ", ..." : "");
    }

    private record Reading(VerificationRepository.Stored stored, RowDigest.Result actual,
            RangeCheck.Differing differing, BackupRangeRepository.Summary kept) {
    }

    /** A backup's seal does not pass: it is now corrupt, and is not used. */
    public static class SealMismatchException extends ConflictException {
        SealMismatchException(long id, String detail) {
            super("Backup " + id + " failed its integrity check: " + detail + ". It is marked corrupt.");
        }
    }
}
