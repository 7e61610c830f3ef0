package io.goldbackup.drill;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupConfig;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.CanonicalRowsRepository;
import io.goldbackup.backup.RowDigest;
import io.goldbackup.backup.VerifyResult;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Isolation;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Unavailability;
import io.goldbackup.drill.Drill.Invariant;
import io.goldbackup.offsite.Manifest;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.web.Refusal;
import io.quarkus.logging.Log;

/**
 * A drill's work on its own session: the backup's integrity check, the restore into scratch tables, and the checks of
 * the restored wallets. The scratch tables live in one transaction that is always rolled back, so they are gone when
 * the drill ends, and also when its instance dies in the middle (PostgreSQL rolls back a dead session's transaction).
 * REPEATABLE READ: the restore and the checks read the same rows.
 */
@ApplicationScoped
class ScratchRestore {

    private final ScratchRepository scratch;
    private final CanonicalRowsRepository canonical;
    private final BackupService backups;
    private final BackupQueries queries;
    private final OffsiteService offsite;
    private final BackupConfig backupConfig;
    private final ShutdownGuard shutdown;

    ScratchRestore(ScratchRepository scratch, CanonicalRowsRepository canonical, BackupService backups,
            BackupQueries queries,
            OffsiteService offsite, BackupConfig backupConfig, ShutdownGuard shutdown) {
        this.scratch = scratch;
        this.canonical = canonical;
        this.backups = backups;
        this.queries = queries;
        this.offsite = offsite;
        this.backupConfig = backupConfig;
        this.shutdown = shutdown;
    }

    /** What a drill is asked to do. */
    record Plan(BackupSummary backup, String source, String target) {
    }

    /**
     * How a drill ended.
     *
     * @param durationMs the measured recovery, null when it did not get that far
     * @param error why the drill could not check everything; null when every check ran
     */
    record Outcome(List<Invariant> invariants, Long durationMs, Long walletCount, String error) {

        boolean passed() {
            return error == null && !invariants.isEmpty() && invariants.stream().allMatch(Invariant::ok);
        }
    }

    /** Runs drill {@code drillId} on {@code session}, restoring as of {@code restoredAt}. */
    Outcome perform(DbSession session, long drillId, Plan plan, Instant restoredAt) {
        Scratch tables = new Scratch(drillId);
        Invariants.Reference reference = new Invariants.Reference(plan.backup().totalUsersBackedUp(),
                queries.details(plan.backup().id()), null);
        return Drill.OFFSITE.equals(plan.source())
                ? fromCopy(session, tables, plan, reference, restoredAt)
                : fromDatabase(session, tables, plan, reference, restoredAt);
    }

    private Outcome fromDatabase(DbSession session, Scratch tables, Plan plan, Invariants.Reference reference,
            Instant restoredAt) {
        long started = System.nanoTime();
        Invariant checksum = verified(plan.backup().id());
        long verifyNanos = System.nanoTime() - started;
        return session.discarded(Isolation.REPEATABLE_READ, () -> {
            session.useWorkMemory(backupConfig.workMem(), backupConfig.maintenanceWorkMem());
            long restoreStarted = System.nanoTime();
            long wallets = scratch.restore(session, tables, Partitions.of(plan.backup().id()), restoredAt);
            long restoreNanos = System.nanoTime() - restoreStarted;
            long recoveryMs = (verifyNanos + restoreNanos) / 1_000_000;
            long checksStarted = System.nanoTime();
            List<Invariant> invariants = new ArrayList<>(List.of(checksum));
            invariants.addAll(checks(session, tables, Partitions.of(plan.backup().id()), reference, restoredAt));
            Log.infof("Drill %d: %,d wallets; checksum %,d ms, restore %,d ms (recovery %,d ms); checks %,d ms",
                    tables.drillId(), wallets, verifyNanos / 1_000_000, restoreNanos / 1_000_000, recoveryMs,
                    (System.nanoTime() - checksStarted) / 1_000_000);
            return new Outcome(invariants, recoveryMs, wallets, null);
        });
    }

    private Outcome fromCopy(DbSession session, Scratch tables, Plan plan, Invariants.Reference reference,
            Instant restoredAt) {
        BackupSummary backup = plan.backup();
        return session.discarded(Isolation.REPEATABLE_READ, () -> {
            session.useWorkMemory(backupConfig.workMem(), backupConfig.maintenanceWorkMem());
            session.useCanonicalText();
            long started = System.nanoTime();
            Loaded loaded;
            try {
                loaded = offsite.readCopy(plan.target(), backup.uuid(), (manifest, rows, finalCheck) -> {
                    long n = canonical.load(session, tables.rows(), backup.id(), rows);
                    finalCheck.run();
                    return new Loaded(manifest, n);
                });
            } catch (RuntimeException e) {
                if (!(e instanceof Refusal) || Unavailability.isUnavailable(e)) {
                    throw e;
                }
                // The copy cannot be brought back: exactly what an off-site drill is there to find.
                return new Outcome(List.of(new Invariant("checksum", false, e.getMessage())), null, null,
                        "the off-site copy on " + plan.target() + " could not be read back: " + e.getMessage());
            }
            scratch.keyRows(session, tables);
            RowDigest.Result digest = canonical.checksum(session, tables.rows(),
                    loaded.manifest().rowsVersion());
            long wallets = scratch.restore(session, tables, tables.rows(), restoredAt);
            long recoveryMs = (System.nanoTime() - started) / 1_000_000;
            long checksStarted = System.nanoTime();
            Manifest m = loaded.manifest();
            Invariants.Reference withCopy = new Invariants.Reference(reference.recordedWallets(), reference.details(),
                    new Invariants.CopyRecord(m.totalUsersBackedUp(), m.totals().totalGold(),
                            m.totals().totalGoldPerHour()));
            List<Invariant> invariants = new ArrayList<>();
            invariants.add(copyChecksum(backup, m, loaded.rows(), digest));
            invariants.addAll(checks(session, tables, tables.rows(), withCopy, restoredAt));
            Log.infof("Drill %d: %,d wallets from the copy on %s; download, load, key, checksum and restore %,d ms; "
                    + "checks %,d ms", tables.drillId(), wallets, plan.target(), recoveryMs,
                    (System.nanoTime() - checksStarted) / 1_000_000);
            return new Outcome(invariants, recoveryMs, wallets, null);
        });
    }

    private List<Invariant> checks(DbSession session, Scratch tables, String source, Invariants.Reference reference,
            Instant restoredAt) {
        shutdown.continueUnlessStopping();
        ScratchRepository.Comparison comparison = scratch.compare(session, tables, source, restoredAt);
        shutdown.continueUnlessStopping();
        return Invariants.of(reference, comparison, scratch.top(session, tables, 5));
    }

    /**
     * The backup's own verification (what a restore checks first, and what a scheduled verification runs): its rows
     * recomputed against the checksum it records, and its seal. A failure marks the backup corrupt, as any
     * verification's does.
     */
    private Invariant verified(long backupId) {
        try {
            VerifyResult v = backups.verify(backupId);
            return new Invariant("checksum", v.ok(), v.ok()
                    ? "the SHA-256 of the backup's %s rows is the one it records (%s); seal %s".formatted(
                            Invariants.count(v.walletCount()), v.expectedChecksum(), v.seal())
                    : v.detail() + " (the backup is now marked " + v.status().wire() + ")");
        } catch (RuntimeException e) {
            if (Unavailability.isUnavailable(e)) {
                throw e;
            }
            Log.warnf("Drill: the verification of backup %d failed: %s", backupId, e.getMessage());
            return new Invariant("checksum", false, "the verification failed: " + e.getMessage());
        }
    }

    private static Invariant copyChecksum(BackupSummary backup, Manifest m, long loadedRows,
            RowDigest.Result digest) {
        boolean ok = digest.sha256().equals(m.checksum()) && digest.sha256().equals(backup.checksum())
                && digest.rows() == loadedRows;
        return new Invariant("checksum", ok, ok
                ? "the copy's manifest verifies under key %s and its object hashes to the manifest's SHA-256; its %s "
                        .formatted(m.keyId(), Invariants.count(digest.rows()))
                        + "rows hash to %s, the checksum the manifest and the backup record".formatted(digest.sha256())
                : "the copy's %s rows hash to %s; the manifest records %s and the backup %s".formatted(
                        Invariants.count(digest.rows()), digest.sha256(), m.checksum(), backup.checksum()));
    }

    private record Loaded(Manifest manifest, long rows) {
    }
}
