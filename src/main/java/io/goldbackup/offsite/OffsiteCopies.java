package io.goldbackup.offsite;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupSummary;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.operation.OperationRunner;
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

    OffsiteCopies(OffsiteCopyRepository copies, CopyWriter writer, ObjectStores stores, OffsiteConfig config,
            Database database, MeterRegistry registry, Clock clock) {
        this.copies = copies;
        this.writer = writer;
        this.stores = stores;
        this.config = config;
        this.database = database;
        this.registry = registry;
        this.clock = clock;
    }

    /** The copy row of {@code backup} on {@code target}, registered as pending when it has none. */
    OffsiteCopy registered(BackupSummary backup, String target) {
        Instant expires = backup.backupTimestamp()
                .plus(Duration.ofDays(config.retention().days().of(backup.backupType())));
        return copies.pending(backup.id(), backup.uuid(), backup.backupType().wire(), target, expires);
    }

    /** Tries the copy now unless another replica is at it; answers the row as it ends. */
    OffsiteCopy attempt(BackupSummary backup, OffsiteCopy copy) {
        ObjectStore store = stores.target(copy.target).orElseThrow(() -> new UnknownTargetException(copy.target));
        try (DbSession session = database.openForLock()) {
            if (!session.tryLock(AdvisoryLock.OFFSITE_COPY, copy.id)) {
                return copy;
            }
            try {
                return run(backup, copy, store);
            } finally {
                session.unlockQuietly(AdvisoryLock.OFFSITE_COPY, copy.id);
            }
        }
    }

    private OffsiteCopy run(BackupSummary backup, OffsiteCopy copy, ObjectStore store) {
        OffsiteCopy fresh = copies.of(copy.backupId, copy.target).orElse(copy);
        if ("completed".equals(fresh.status)) {
            return fresh;
        }
        long started = System.nanoTime();
        fresh.status = "running";
        fresh.attempts++;
        fresh.startedAt = clock.instant();
        fresh.finishedAt = null;
        fresh.error = null;
        fresh.operationId = OperationRunner.currentId();
        copies.save(fresh);
        try {
            CopyWriter.Written written = writer.write(backup, store);
            fresh.status = "completed";
            fresh.objectKey = written.objectKey();
            fresh.manifestKey = written.manifestKey();
            fresh.storedBytes = written.storedBytes();
            fresh.plainBytes = written.plainBytes();
            fresh.sha256 = written.sha256();
            fresh.keyId = written.keyId();
            fresh.nextAttemptAt = null;
            count(copy.target, "completed");
            Log.infof("Backup %d copied to %s: %,d bytes stored for %,d bytes of rows", backup.id(), copy.target,
                    written.storedBytes(), written.plainBytes());
        } catch (RuntimeException e) {
            fresh.status = "failed";
            fresh.error = e.getMessage();
            fresh.nextAttemptAt = clock.instant().plus(config.retryBackoff()
                    .multipliedBy(1L << Math.min(10, Math.max(0, fresh.attempts - 1))));
            count(copy.target, "failed");
            Log.warnf("Backup %d: copy to %s failed (attempt %d of %d): %s", backup.id(), copy.target,
                    fresh.attempts, config.maxAttempts(), e.getMessage());
        } finally {
            long nanos = System.nanoTime() - started;
            fresh.finishedAt = clock.instant();
            fresh.durationMs = nanos / 1_000_000;
            Timer.builder("gold.backup.offsite.copy.duration").description("How long off-site copies took")
                    .tag("target", copy.target).register(registry).record(Duration.ofNanos(nanos));
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
