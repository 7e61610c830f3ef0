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
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;

/**
 * The operations on backups: take one, verify one, delete one. Each runs through the {@link OperationRunner}
 * (audited with the caller, gated by the shutdown, timed), whoever calls it: the API, the console or a job.
 */
@ApplicationScoped
public class BackupService {

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
        Operation operation = Operation.of(actor, "backup.create", "backups", "backupType", type.wire(),
                "backupName", backupName, "notes", notes);
        return operations.run(operation, () -> {
            BackupSummary summary = queries.summary(snapshots.take(type, backupName, notes, actor));
            completed.fire(new BackupCompleted(summary));
            return summary;
        });
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
     * Deletes a backup: detaches its partition concurrently (readers of other backups do not wait), drops it, and
     * removes the row. A running backup is refused.
     */
    public void delete(long id, Actor actor) {
        operations.run(Operation.of(actor, "backup.delete", "backup/" + id), () -> {
            Backup b = queries.require(id);
            if (BackupStatus.RUNNING.wire().equals(b.status)) {
                throw new BackupRunningException(id);
            }
            try (DbSession session = database.open()) {
                // The backup's lock: recovery leaves a partition alone while its delete runs.
                if (!session.tryLock(AdvisoryLock.BACKUP, id)) {
                    throw new BackupRunningException(id);
                }
                try {
                    partitions.detachConcurrently(session, id, partitions.partitionState(session, id));
                    session.transaction(() -> {
                        partitions.drop(session, id);
                        lifecycle.deleteRow(session, id);
                        return null;
                    });
                } finally {
                    session.unlockQuietly(AdvisoryLock.BACKUP, id);
                }
            }
            Log.infof("Backup %d deleted", id);
        });
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
     * investigation) backup whose partition was detached gets it attached again (nothing is lost; delete it again to delete it); a partition whose backup row
     * is gone or failed is dropped. Partitions whose backup's lock is held (a delete running now) are left alone.
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
