package io.goldbackup.offsite;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.goldbackup.backup.BackupCompleted;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.Started;
import io.goldbackup.security.Actor;
import io.goldbackup.web.InvalidInputException;
import io.quarkus.logging.Log;

/**
 * Off-site copies as operations: a backup's copies, copying one now, copying what lacks a copy (the job), listing a
 * bucket, importing a copy. A completed backup of a copied type gets a pending copy per target at once, written on a
 * worker thread of its own; failed copies are tried again by {@link #copyDue} (scheduled) with a doubling backoff.
 */
@ApplicationScoped
public class OffsiteService {

    private final OperationRunner operations;
    private final OffsiteCopies attempts;
    private final OffsiteCopyRepository copies;
    private final CopyImporter importer;
    private final OffsiteImports imports;
    private final ObjectStores stores;
    private final BackupQueries backups;
    private final OffsiteConfig config;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "offsite-copies");
        thread.setDaemon(true);
        return thread;
    });

    OffsiteService(OperationRunner operations, OffsiteCopies attempts, OffsiteCopyRepository copies,
            CopyImporter importer, OffsiteImports imports, ObjectStores stores, BackupQueries backups,
            OffsiteConfig config, Clock clock) {
        this.operations = operations;
        this.attempts = attempts;
        this.copies = copies;
        this.importer = importer;
        this.imports = imports;
        this.stores = stores;
        this.backups = backups;
        this.config = config;
        this.clock = clock;
    }

    /** After a backup completes: a pending copy per target, written at once on the copy worker. */
    void onBackupCompleted(@Observes BackupCompleted event) {
        BackupSummary backup = event.backup();
        if (stores.names().isEmpty() || !config.copies(backup.backupType())) {
            return;
        }
        for (String target : stores.names()) {
            attempts.registered(backup, target);
        }
        worker.submit(() -> {
            try {
                operations.run(Operation.of(Actor.SCHEDULER, "backup.copy", "backup/" + backup.id(), "trigger",
                        "after-backup", "targets", List.copyOf(stores.names())),
                        () -> copyTo(backup, Optional.empty()));
            } catch (RuntimeException e) {
                Log.warnf("Copies of backup %d: %s (tried again later)", backup.id(), e.getMessage());
            }
        });
    }

    /** A backup's copies, by target. */
    public List<CopyView> copies(long backupId) {
        backups.summary(backupId);
        return copies.ofBackup(backupId).stream().map(CopyView::of).toList();
    }

    /** Copies a backup now, to one target or every target; answers its copies as they end. */
    public List<CopyView> copyNow(long backupId, Optional<String> target, Actor actor) {
        return operations.run(copyOperation(backupId, target, actor),
                () -> claim(backupId, target).write().stream().map(CopyView::of).toList());
    }

    /**
     * {@link #copyNow} in the background: answers once the copies are claimed ({@code running}); an unknown target
     * (404), none configured (400) or a backup not completed (409) answer from this call.
     */
    public void startCopy(long backupId, Optional<String> target, Actor actor) {
        operations.start(copyOperation(backupId, target, actor), () -> {
            OffsiteCopies.Claim claim = claim(backupId, target);
            return new Started<>(backupId, claim::write);
        });
    }

    private static Operation copyOperation(long backupId, Optional<String> target, Actor actor) {
        return Operation.of(actor, "backup.copy", "backup/" + backupId, "target", target.orElse(null));
    }

    private OffsiteCopies.Claim claim(long backupId, Optional<String> target) {
        target.ifPresent(this::store);
        if (stores.names().isEmpty()) {
            throw new InvalidInputException("target", "names no off-site target: none is configured");
        }
        BackupSummary backup = backups.summary(backupId);
        if (backup.status() != io.goldbackup.backup.BackupStatus.COMPLETED) {
            throw new io.goldbackup.backup.BackupNotCompletedException(backupId, backup.status().wire());
        }
        return attempts.claim(backup, registered(backup, target));
    }

    private List<OffsiteCopy> copyTo(BackupSummary backup, Optional<String> target) {
        return attempts.claim(backup, registered(backup, target)).write();
    }

    /** The copy rows of {@code backup} on {@code target} or every target, registered as pending when new. */
    private List<OffsiteCopy> registered(BackupSummary backup, Optional<String> target) {
        return target.map(List::of).orElseGet(() -> List.copyOf(stores.names())).stream()
                .map(name -> attempts.registered(backup, name)).toList();
    }

    /**
     * The job {@code offsite-copy}: every completed backup of a copied type that lacks a completed copy on a target
     * is copied now (failed ones included, whatever their retry time).
     *
     * @return how many copies ended completed and how many failed
     */
    public CopyJobResult copyMissing() {
        int completed = 0;
        int failed = 0;
        List<BackupType> types = Arrays.stream(BackupType.values()).filter(config::copies).toList();
        for (BackupSummary backup : backups.completedOfTypes(types)) {
            for (String target : stores.names()) {
                OffsiteCopy copy = attempts.registered(backup, target);
                if ("completed".equals(copy.status) || "deleted".equals(copy.status)) {
                    continue;
                }
                OffsiteCopy ended = attempts.attempt(backup, copy);
                if ("completed".equals(ended.status)) {
                    completed++;
                } else {
                    failed++;
                }
            }
        }
        return new CopyJobResult(completed, failed);
    }

    /**
     * How the job ended.
     *
     * @param completed copies written
     * @param failed copies that failed (tried again later)
     */
    public record CopyJobResult(int completed, int failed) {
    }

    /** Copies due for another try (failed, their backoff passed, attempts left): the scheduled sweep. */
    public int copyDue() {
        int tried = 0;
        for (OffsiteCopy copy : copies.due(clock.instant(), config.maxAttempts(), 20)) {
            Optional<BackupSummary> backup = backups.byUuid(copy.backupUuid);
            if (backup.isEmpty() || stores.target(copy.target).isEmpty()) {
                continue;
            }
            attempts.attempt(backup.get(), copy);
            tried++;
        }
        return tried;
    }

    /** What the bucket of {@code target} holds, newest first, including backups this database does not know. */
    public List<RemoteBackup> remote(String target) {
        return importer.list(store(target));
    }

    /**
     * Brings a copy back as a completed backup marked as imported: by its uuid, or by its original id (the newest
     * copy that had it). Then the usual dry run and restore apply. Recorded in the import log.
     */
    public BackupSummary importCopy(String target, Optional<UUID> uuid, Optional<Long> backupId, Actor actor) {
        return operations.run(importOperation(target, uuid, backupId, actor),
                () -> imports.register(store(target), uuid, backupId, actor).run());
    }

    /**
     * {@link #importCopy} in the background: answers the import's id once it is registered ({@code running}); bad
     * input (400) and an unknown target (404) answer from this call; a copy that is missing or does not verify ends
     * the import {@code failed}.
     */
    public long startImport(String target, Optional<UUID> uuid, Optional<Long> backupId, Actor actor) {
        return operations.start(importOperation(target, uuid, backupId, actor), () -> {
            OffsiteImports.Registered run = imports.register(store(target), uuid, backupId, actor);
            return new Started<>(run.id(), run::run);
        });
    }

    /** One import of {@code target}: its status, and the backup it created once completed. */
    public OffsiteImport importRun(String target, long id) {
        store(target);
        return imports.find(target, id);
    }

    /** Imports left running by an instance that is gone: marked failed (for recovery). */
    public List<Long> failInterruptedImports() {
        return imports.failInterrupted();
    }

    private static Operation importOperation(String target, Optional<UUID> uuid, Optional<Long> backupId,
            Actor actor) {
        return Operation.of(actor, "offsite.import", "offsite/" + target, "uuid", uuid.map(UUID::toString).orElse(null),
                "backupId", backupId.orElse(null));
    }

    /**
     * Reads the copy of the backup {@code uuid} on {@code target} with every check an import makes, and hands its rows
     * to {@code reader}; imports nothing. Runs inside the caller's operation (an off-site restore drill).
     *
     * @throws UnknownTargetException when {@code target} is not configured
     * @throws OffsiteRefusedException when the bucket has no such copy, or it does not check out
     */
    public <T> T readCopy(String target, UUID uuid, CopyReader<T> reader) {
        ObjectStore store = store(target);
        return importer.read(store, importer.find(store, Optional.of(uuid), Optional.empty()), reader);
    }

    /** The names of the configured off-site targets (none: the feature is off). */
    public java.util.Set<String> targets() {
        return stores.names();
    }

    /** Copies left running by an instance that is gone: marked failed, to be tried again (for recovery). */
    public List<Long> failInterrupted() {
        return attempts.failInterrupted();
    }

    private ObjectStore store(String target) {
        return stores.target(target).orElseThrow(() -> new UnknownTargetException(target));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
