package io.goldbackup.offsite;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.DurableWrites;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.security.Actor;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.OperationInterruptedException;

/**
 * Imports as runs of the import log: registered ({@code running}, the import's lock held by a session of its own),
 * then the copy found, verified and loaded ({@link CopyImporter}) on this thread or another, and the import recorded
 * as completed with the backup it created, or failed with the reason. The imported backup gets the completed copy it
 * came from, so it is not copied back.
 */
@ApplicationScoped
class OffsiteImports {

    private final CopyImporter importer;
    private final OffsiteImportRepository imports;
    private final OffsiteCopies attempts;
    private final OffsiteCopyRepository copies;
    private final BackupQueries backups;
    private final Database database;
    private final DurableWrites durable;
    private final ShutdownGuard shutdown;
    private final Clock clock;

    OffsiteImports(CopyImporter importer, OffsiteImportRepository imports, OffsiteCopies attempts,
            OffsiteCopyRepository copies, BackupQueries backups, Database database, DurableWrites durable,
            ShutdownGuard shutdown, Clock clock) {
        this.importer = importer;
        this.imports = imports;
        this.attempts = attempts;
        this.copies = copies;
        this.backups = backups;
        this.database = database;
        this.durable = durable;
        this.shutdown = shutdown;
        this.clock = clock;
    }

    /**
     * Checks the request and registers the import.
     *
     * @throws InvalidInputException unless exactly one of {@code uuid} and {@code backupId} is given
     */
    Registered register(ObjectStore store, Optional<UUID> uuid, Optional<Long> backupId, Actor actor) {
        if (uuid.isPresent() == backupId.isPresent()) {
            throw new InvalidInputException("uuid", "give either uuid or backupId, not both or neither");
        }
        Instant now = clock.instant();
        DbSession session = database.openForLock();
        try {
            long id = session.transaction(() -> {
                long inserted = imports.insert(session, store.name(), uuid.orElse(null), backupId.orElse(null), actor,
                        now);
                session.lock(AdvisoryLock.OFFSITE_IMPORT, inserted);
                return inserted;
            });
            return new Registered(session, id, store, uuid, backupId, actor);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A registered import: {@link #run()} does it, once. */
    final class Registered {

        private final DbSession session;
        private final long id;
        private final ObjectStore store;
        private final Optional<UUID> uuid;
        private final Optional<Long> backupId;
        private final Actor actor;

        private Registered(DbSession session, long id, ObjectStore store, Optional<UUID> uuid, Optional<Long> backupId,
                Actor actor) {
            this.session = session;
            this.id = id;
            this.store = store;
            this.uuid = uuid;
            this.backupId = backupId;
            this.actor = actor;
        }

        long id() {
            return id;
        }

        /** Finds, verifies and loads the copy; records the end; answers the imported backup. */
        BackupSummary run() {
            long started = System.nanoTime();
            try (session) {
                try {
                    Manifest manifest = importer.find(store, uuid, backupId);
                    imports.found(id, UUID.fromString(manifest.uuid()), manifest.backupId());
                    BackupSummary imported = backups.summary(importer.importCopy(store, manifest, actor));
                    // The bucket holds it already: no second copy.
                    OffsiteCopy copy = attempts.registered(imported, store.name());
                    copy.status = "completed";
                    copy.objectKey = manifest.objects().get(0).key();
                    copy.manifestKey = ObjectKeys.manifest(imported.uuid());
                    copy.storedBytes = manifest.objects().get(0).bytes();
                    copy.sha256 = manifest.objects().get(0).sha256();
                    copy.keyId = manifest.keyId();
                    copy.finishedAt = manifest.createdAt();
                    copies.save(copy);
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    durable.write("recording import " + id + " completed",
                            () -> imports.complete(id, imported.id(), ms));
                    return imported;
                } catch (RuntimeException e) {
                    throw failed(started, e);
                } finally {
                    session.unlockQuietly(AdvisoryLock.OFFSITE_IMPORT, id);
                }
            }
        }

        private RuntimeException failed(long started, RuntimeException cause) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            boolean stopping = shutdown.cancelling();
            String reason = cause.getMessage() != null ? cause.getMessage() : "see the service log";
            durable.write("recording import " + id + " failed", () -> imports.fail(id,
                    stopping ? "cancelled, the service is stopping; nothing imported" : reason, ms));
            if (stopping) {
                return new OperationInterruptedException("Import " + id + " was cancelled because this instance is "
                        + "stopping; nothing was imported. Send the request again.");
            }
            return cause;
        }
    }

    /** One import of {@code target}. */
    OffsiteImport find(String target, long id) {
        return imports.find(id).filter(i -> i.target().equals(target))
                .orElseThrow(() -> new ImportNotFoundException(target, id));
    }

    /** Imports left running by an instance that is gone: failed. */
    List<Long> failInterrupted() {
        return imports.failInterrupted();
    }
}
