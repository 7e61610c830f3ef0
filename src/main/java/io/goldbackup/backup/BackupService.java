package io.goldbackup.backup;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.Started;
import io.goldbackup.security.Actor;
import io.goldbackup.security.NotPermittedException;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.quarkus.logging.Log;

/**
 * The operations on backups: take one, verify one, delete one. Each runs through the {@link OperationRunner}
 * (audited with the caller, gated by the shutdown, timed), whoever calls it: the API, the console or a job.
 */
@ApplicationScoped
public class BackupService {

    /** The confirmation code a person's delete of a backup needs. */
    public static final String DELETE_CONFIRMATION_CODE = "DELETE_GOLD_BACKUP_CONFIRMED";

    /** The audited action of a create; its target is the created backup ({@code backup/42}) once registered. */
    static final String CREATE = "backup.create";

    private final OperationRunner operations;
    private final SnapshotTaker snapshots;
    private final BackupQueries queries;
    private final BackupVerifier verifier;
    private final PartitionRepository partitions;
    private final BackupLifecycleRepository lifecycle;
    private final Database database;
    private final Event<BackupCompleted> completed;

    BackupService(OperationRunner operations, SnapshotTaker snapshots, BackupQueries queries, BackupVerifier verifier,
            PartitionRepository partitions, BackupLifecycleRepository lifecycle, Database database,
            Event<BackupCompleted> completed) {
        this.operations = operations;
        this.snapshots = snapshots;
        this.queries = queries;
        this.verifier = verifier;
        this.partitions = partitions;
        this.lifecycle = lifecycle;
        this.database = database;
        this.completed = completed;
    }

    /**
     * Takes a backup of every live wallet and answers it when it is completed. Progress is visible meanwhile as a
     * backup with status {@code running}. On any failure nothing of the snapshot remains and the backup is recorded
     * as {@code failed}.
     *
     * @throws DailyBackupExistsException when {@code type} is auto_daily and the UTC day already has one
     * @throws StorageLimitException when the backup would break a storage limit (recorded as failed)
     */
    public BackupSummary create(BackupType type, String backupName, String notes, Actor actor) {
        return operations.run(createOperation(type, backupName, notes, actor),
                () -> completed(registered(type, backupName, notes, actor)));
    }

    /**
     * {@link #create} with the snapshot in the background: answers the backup's id as soon as its row is registered
     * ({@code running}); the same refusals come first, from this call.
     */
    public long start(BackupType type, String backupName, String notes, Actor actor) {
        return operations.start(createOperation(type, backupName, notes, actor),
                () -> begin(type, backupName, notes, actor));
    }

    /**
     * The first part of a backup inside the caller's operation (the daily job's): its refusals, then its row
     * registered; the rest takes the snapshot and must run, once, on any thread.
     */
    public Started<Long> begin(BackupType type, String backupName, String notes, Actor actor) {
        SnapshotTaker.Registered backup = registered(type, backupName, notes, actor);
        return new Started<>(backup.id(), () -> completed(backup));
    }

    /** The backup's row registered; from here on its create's audit event names it, not the collection. */
    private SnapshotTaker.Registered registered(BackupType type, String backupName, String notes, Actor actor) {
        SnapshotTaker.Registered backup = snapshots.register(type, backupName, notes, actor);
        OperationRunner.nameTarget(CREATE, "backup/" + backup.id());
        return backup;
    }

    private static Operation createOperation(BackupType type, String backupName, String notes, Actor actor) {
        return Operation.of(actor, CREATE, "backups", "backupType", type.wire(), "backupName", backupName,
                "notes", notes);
    }

    private BackupSummary completed(SnapshotTaker.Registered backup) {
        BackupSummary summary = queries.summary(backup.take());
        completed.fire(new BackupCompleted(summary));
        return summary;
    }

    /**
     * Verifies a completed (or corrupt) backup: recomputes its checksum from its rows and checks its seal; a mismatch
     * marks it corrupt ({@link BackupVerifier}).
     */
    public VerifyResult verify(long id, Actor actor) {
        return operations.run(Operation.of(actor, "backup.verify", "backup/" + id), () -> verify(id));
    }

    /**
     * The integrity check itself, inside the caller's operation: a restore checks its backup before it uses it. The
     * same path as every verification: the verdict is recorded on the backup, a mismatch marks it corrupt.
     *
     * @throws BackupNotCompletedException when the backup is running or failed
     */
    public VerifyResult verify(long id) {
        return verifier.verify(id);
    }

    /**
     * Deletes a backup on a person's request: backup-admin and {@value #DELETE_CONFIRMATION_CODE} as
     * {@code confirmationCode}, else refused (403, or 400 naming {@code confirmationCode}) before anything is read.
     * Detaches its partition concurrently (readers of other backups do not wait), drops it, and removes the row. A
     * running backup is refused.
     */
    public void delete(long id, String confirmationCode, Actor actor) {
        operations.run(Operation.of(actor, "backup.delete", "backup/" + id), () -> {
            NotPermittedException.require(actor, Roles.ADMIN, "deleting a backup");
            if (!DELETE_CONFIRMATION_CODE.equals(confirmationCode)) {
                throw new InvalidInputException("confirmationCode",
                        "must be " + DELETE_CONFIRMATION_CODE + " to delete a backup");
            }
            remove(id, false);
        });
    }

    /**
     * Deletes a backup that a cleanup selected, as part of that cleanup's operation: the cleanup's request carried
     * its own confirmation, or it is the scheduled one, which no person asks for. A backup marked corrupt is kept,
     * also one a verification marked corrupt after the cleanup selected it: not corrupt is the condition of the delete
     * itself, in the transaction that drops the partition.
     *
     * @throws BackupKeptCorruptException when the backup is marked corrupt (nothing is deleted)
     */
    public void deleteForCleanup(long id, Actor actor) {
        operations.run(Operation.of(actor, "backup.delete", "backup/" + id), () -> remove(id, true));
    }

    private void remove(long id, boolean keepCorrupt) {
        Backup b = queries.require(id);
        if (BackupStatus.RUNNING.wire().equals(b.status)) {
            throw new BackupRunningException(id);
        }
        if (keepCorrupt && BackupStatus.CORRUPT.wire().equals(b.status)) {
            throw new BackupKeptCorruptException(id);
        }
        try (DbSession session = database.open()) {
            // The backup's lock: recovery leaves a partition alone while its delete runs.
            if (!session.tryLock(AdvisoryLock.BACKUP, id)) {
                throw new BackupRunningException(id);
            }
            try {
                partitions.detachConcurrently(session, id, partitions.partitionState(session, id));
                boolean deleted = session.transaction(() -> {
                    // A verdict's UPDATE locks the row: one recorded before this DELETE is seen by it, a later one
                    // finds no row.
                    if (!lifecycle.deleteRow(session, id, keepCorrupt)) {
                        return false;
                    }
                    partitions.drop(session, id);
                    return true;
                });
                if (!deleted) {
                    partitions.reattach(session, id, partitions.partitionState(session, id));
                    Log.warnf("Backup %d was marked corrupt while a cleanup deleted it; kept, its partition attached "
                            + "again", id);
                    throw new BackupKeptCorruptException(id);
                }
            } finally {
                session.unlockQuietly(AdvisoryLock.BACKUP, id);
            }
        }
        Log.infof("Backup %d deleted", id);
    }

    /**
     * Marks failed the backups whose taker is gone (an instance killed, a session lost): a live taker holds the
     * backup's lock for as long as it runs, so a backup running on another replica is never touched.
     *
     * @return the ids marked failed
     */
    public List<Long> failInterrupted() {
        return lifecycle.failInterrupted();
    }

    /**
     * Puts back what a delete cut off between its two transactions left: a completed (or corrupt: kept for the
     * investigation) backup whose partition was detached gets it attached again (nothing is lost; delete it again to
     * delete it); a partition whose backup row is gone or failed is dropped. Partitions whose backup's lock is held (a
     * delete running now) are left alone.
     *
     * @return the backups whose partition was repaired
     */
    public List<Long> repairPartitions() {
        List<Long> repaired = new ArrayList<>();
        for (long id : lifecycle.unattachedPartitions()) {
            try (DbSession session = database.openForLock()) {
                if (!session.tryLock(AdvisoryLock.BACKUP, id)) {
                    continue;
                }
                try {
                    PartitionRepository.PartitionState state = partitions.partitionState(session, id);
                    String status = lifecycle.status(session, id);
                    if (BackupStatus.COMPLETED.wire().equals(status) || BackupStatus.CORRUPT.wire().equals(status)) {
                        partitions.reattach(session, id, state);
                        Log.warnf("Backup %d: its partition was left detached by an interrupted delete; attached "
                                + "again", id);
                    } else {
                        partitions.detachConcurrently(session, id, state);
                        partitions.drop(session, id);
                        Log.warnf("Backup %d: dropped a partition left without a completed backup", id);
                    }
                    repaired.add(id);
                } finally {
                    session.unlockQuietly(AdvisoryLock.BACKUP, id);
                }
            }
        }
        return repaired;
    }
}
