package io.goldbackup.offsite;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupSummary;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.ShutdownGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

/**
 * One attempt at a copy, and its record: the copy's advisory lock marks it alive (one replica per copy; recovery
 * fails a copy whose owner is gone), its row goes {@code running} then {@code completed}, or {@code failed} with the
 * reason and the time of the next attempt (the backoff doubles per attempt). A failed copy never touches its backup.
 */
@ApplicationScoped
class OffsiteCopies {

    private final OffsiteCopyRepository copies;
    private final CopyWriter writer;
    private final ObjectStores stores;
    private final OffsiteConfig config;
    private final Database database;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ShutdownGuard shutdown;

    OffsiteCopies(OffsiteCopyRepository copies, CopyWriter writer, ObjectStores stores, OffsiteConfig config,
            Database database, MeterRegistry registry, Clock clock, ShutdownGuard shutdown) {
        this.copies = copies;
        this.writer = writer;
        this.stores = stores;
        this.config = config;
        this.database = database;
        this.registry = registry;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    /** The copy row of {@code backup} on {@code target}, registered as pending when it has none. */
    OffsiteCopy registered(BackupSummary backup, String target) {
        Instant expires = backup.backupTimestamp()
                .plus(Duration.ofDays(config.retention().days().of(backup.backupType())));
        return copies.pending(backup.id(), backup.uuid(), backup.backupType().wire(), target, expires);
    }

    /** Tries the copy now unless another replica is at it; answers the row as it ends. */
    OffsiteCopy attempt(BackupSummary backup, OffsiteCopy copy) {
        return claim(backup, List.of(copy)).write().get(0);
    }

    /**
     * Claims the copies of {@code backup} that no replica is at: their locks on one session of its own, their rows
     * {@code running}, so that they show as running from now on. {@link Claim#write()} then writes them one after
     * another, on this thread or another. A copy another replica is at, or already completed, is left as it is.
     */
    Claim claim(BackupSummary backup, List<OffsiteCopy> wanted) {
        List<ObjectStore> targets = wanted.stream().map(c -> stores.target(c.target)
                .orElseThrow(() -> new UnknownTargetException(c.target))).toList();
        DbSession session = database.openForLock();
        Claim claim = new Claim(session, backup, targets);
        try {
            for (OffsiteCopy copy : wanted) {
                claim.rows.add(copy);
                if (!session.tryLock(AdvisoryLock.OFFSITE_COPY, copy.id)) {
                    continue;
                }
                claim.held.add(copy.id);
                OffsiteCopy fresh = copies.of(copy.backupId, copy.target).orElse(copy);
                claim.rows.set(claim.rows.size() - 1, fresh);
                if ("completed".equals(fresh.status)) {
                    claim.release(copy.id);
                    continue;
                }
                fresh.status = "running";
                fresh.attempts++;
                fresh.startedAt = clock.instant();
                fresh.finishedAt = null;
                fresh.error = null;
                fresh.operationId = OperationRunner.currentId();
                copies.save(fresh);
            }
            return claim;
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    /** Copies claimed by one operation: written once, in order; every lock and the session let go at the end. */
    final class Claim {

        private final DbSession session;
        private final BackupSummary backup;
        private final List<ObjectStore> targets;
        private final List<OffsiteCopy> rows = new ArrayList<>();
        private final Set<Long> held = new LinkedHashSet<>();

        private Claim(DbSession session, BackupSummary backup, List<ObjectStore> targets) {
            this.session = session;
            this.backup = backup;
            this.targets = targets;
        }

        /** Writes the claimed copies; answers every copy asked for, as it ended (or as it was, if not claimed). */
        List<OffsiteCopy> write() {
            try {
                for (int i = 0; i < rows.size(); i++) {
                    OffsiteCopy copy = rows.get(i);
                    if (held.contains(copy.id)) {
                        rows.set(i, run(backup, copy, targets.get(i)));
                        release(copy.id);
                    }
                }
                return List.copyOf(rows);
            } finally {
                close();
            }
        }

        private void release(long copyId) {
            held.remove(copyId);
            session.unlockQuietly(AdvisoryLock.OFFSITE_COPY, copyId);
        }

        private void close() {
            try (session) {
                for (long id : List.copyOf(held)) {
                    release(id);
                }
            }
        }
    }

    /** Writes one claimed copy ({@code running}) and records how it ended. */
    private OffsiteCopy run(BackupSummary backup, OffsiteCopy fresh, ObjectStore store) {
        long started = System.nanoTime();
        try {
            // A stopping instance starts no further copy: failed now, tried again by a replica that runs.
            shutdown.continueUnlessStopping();
            CopyWriter.Written written = writer.write(backup, store);
            fresh.status = "completed";
            fresh.objectKey = written.objectKey();
            fresh.manifestKey = written.manifestKey();
            fresh.storedBytes = written.storedBytes();
            fresh.plainBytes = written.plainBytes();
            fresh.sha256 = written.sha256();
            fresh.keyId = written.keyId();
            fresh.nextAttemptAt = null;
            count(fresh.target, "completed");
            Log.infof("Backup %d copied to %s: %,d bytes stored for %,d bytes of rows", backup.id(), fresh.target,
                    written.storedBytes(), written.plainBytes());
        } catch (RuntimeException e) {
            fresh.status = "failed";
            fresh.error = shutdown.cancelling()
                    ? "cancelled: the instance writing this copy is stopping; tried again later"
                    : e.getMessage();
            fresh.nextAttemptAt = clock.instant().plus(config.retryBackoff()
                    .multipliedBy(1L << Math.min(10, Math.max(0, fresh.attempts - 1))));
            count(fresh.target, "failed");
            Log.warnf("Backup %d: copy to %s failed (attempt %d of %d): %s", backup.id(), fresh.target,
                    fresh.attempts, config.maxAttempts(), fresh.error);
        } finally {
            long nanos = System.nanoTime() - started;
            fresh.finishedAt = clock.instant();
            fresh.durationMs = nanos / 1_000_000;
            Timer.builder("gold.backup.offsite.copy.duration").description("How long off-site copies took")
                    .tag("target", fresh.target).register(registry).record(Duration.ofNanos(nanos));
        }
        copies.save(fresh);
        return fresh;
    }

    private void count(String target, String result) {
        Counter.builder("gold.backup.offsite.copy").description("Off-site copies, by target and result")
                .tag("target", target).tag("result", result).register(registry).increment();
    }

    /** Copies left running by an instance that is gone: failed, to be tried again. */
    List<Long> failInterrupted() {
        return copies.failInterrupted(clock.instant());
    }
}
