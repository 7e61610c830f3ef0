package io.goldbackup.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Isolation;
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;

/**
 * A backup's rows out of and into the database as its canonical text, streamed: what an off-site copy stores and what
 * an import brings back. The text is exactly what the backup's checksum covers, so both ends can prove the rows are
 * the ones recorded.
 */
@ApplicationScoped
public class BackupTransfer {

    private final Database database;
    private final SnapshotRepository snapshots;
    private final BackupLifecycleRepository lifecycle;
    private final BackupQueries queries;
    private final RetentionPolicy retention;
    private final BackupConfig config;
    private final Clock clock;
    private final BackupVerifier seals;
    private final BackupRangeRepository ranges;

    BackupTransfer(Database database, SnapshotRepository snapshots, BackupLifecycleRepository lifecycle,
            BackupQueries queries, RetentionPolicy retention, BackupConfig config, Clock clock, BackupVerifier seals,
            BackupRangeRepository ranges) {
        this.ranges = ranges;
        this.database = database;
        this.snapshots = snapshots;
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.retention = retention;
        this.config = config;
        this.clock = clock;
        this.seals = seals;
    }

    /**
     * Streams the completed backup {@code id}'s canonical text into {@code sink}, in one read-only transaction on a
     * session of the long-operation budget; answers the text's checksum (of the backup's snapshot version, computed on
     * the way) and the rows written. Its seal is checked first: the caller compares that checksum with the recorded one, which the seal vouches for, so rows changed with the checksum
     * recomputed inside the database are never copied out (and a new seal never given to them by an import).
     *
     * @throws BackupVerifier.SealMismatchException when the seal fails (the backup is then corrupt)
     */
    public RowDigest.Result export(long id, OutputStream sink) {
        BackupSummary backup = queries.summary(id);
        if (backup.status() != BackupStatus.COMPLETED) {
            throw new BackupNotCompletedException(id, backup.status().wire());
        }
        seals.requireSealIntact(id);
        return database.transaction(Isolation.REPEATABLE_READ, true, session -> {
            session.useCanonicalText();
            return snapshots.streamCanonical(session, id, backup.snapshotVersion(), sink);
        });
    }

    /**
     * What an imported backup was where it was made.
     *
     * @param checksum the SHA-256 its rows must hash to
     * @param target the off-site target it comes from
     */
    public record Origin(UUID uuid, long originalId, Instant timestamp, BackupType type, String name, String checksum,
            String target, int snapshotVersion) {
    }

    /** Checks what only the end of the source stream can tell (the stored objects' digests), before the commit. */
    @FunctionalInterface
    public interface FinalCheck {
        void run();
    }

    /**
     * Loads a backup from {@code source} (its canonical text) as a new completed backup, in one transaction: the row,
     * the partition, its key, the recomputed checksum compared with {@code origin.checksum}, {@code finalCheck}, the
     * attach, the seal. Anything that does not match rolls all of it back: nothing of a refused import remains.
     *
     * @return the new local id
     * @throws ImportMismatchException when the rows do not hash to the recorded checksum
     */
    public long importRows(Origin origin, InputStream source, FinalCheck finalCheck, Actor actor) {
        long started = System.nanoTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (DbSession session = database.open()) {
            return session.transaction(Isolation.READ_COMMITTED, false, () -> {
                session.useWorkMemory(config.workMem(), config.maintenanceWorkMem());
                session.useCanonicalText();
                long id = lifecycle.insertImported(session, new BackupLifecycleRepository.NewBackup(
                        origin.timestamp(), origin.name(), origin.type(), actor.subject(),
                        "Imported from off-site target " + origin.target() + " (backup " + origin.originalId()
                                + " of the database that made the copy)",
                        config.systemVersion(), retention.expiresAt(origin.type(), now), BackupPurpose.BACKUP),
                        new BackupLifecycleRepository.ImportOrigin(origin.uuid(), origin.target(),
                                origin.originalId(), origin.snapshotVersion()));
                long rows = snapshots.loadCanonical(session, id, source);
                finalCheck.run();
                snapshots.prepareForAttach(session, id);
                RowDigest.Result checksum = snapshots.checksum(session, id, false, origin.snapshotVersion());
                if (!checksum.sha256().equals(origin.checksum()) || checksum.rows() != rows) {
                    throw new ImportMismatchException("the rows of backup " + origin.uuid() + " hash to "
                            + checksum.sha256() + " but the copy records " + origin.checksum() + "; nothing imported");
                }
                long size = snapshots.sizeBytes(session, id);
                snapshots.attach(session, id);
                ranges.save(session, id, checksum.ranges());
                lifecycle.markCompleted(session, id, new BackupLifecycleRepository.Completion(rows,
                        (System.nanoTime() - started) / 1_000_000, size, checksum.sha256(), "[]"));
                // Sealed here with this service's key: the copy's own MAC vouched for the rows on the way in.
                seals.seal(session, id);
                Log.infof("Backup %s imported from %s as backup %d: %,d wallets", origin.uuid(), origin.target(), id,
                        rows);
                return id;
            });
        }
    }

    /** An import's rows do not match the checksum the copy records. */
    public static class ImportMismatchException extends io.goldbackup.web.ConflictException {
        public ImportMismatchException(String message) {
            super(message);
        }
    }
}
