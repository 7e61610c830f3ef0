package io.goldbackup.backup;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Isolation;
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
    private final SnapshotRepository rows;
    private final BackupLifecycleRepository lifecycle;
    private final Database database;

    BackupService(OperationRunner operations, SnapshotTaker snapshots, BackupQueries queries, SnapshotRepository rows,
            BackupLifecycleRepository lifecycle, Database database) {
        this.operations = operations;
        this.snapshots = snapshots;
        this.queries = queries;
        this.rows = rows;
        this.lifecycle = lifecycle;
        this.database = database;
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
        return operations.run(operation, () -> queries.summary(snapshots.take(type, backupName, notes, actor)));
    }

    /** Recomputes a completed backup's checksum from its rows and compares it with the recorded one. */
    public VerifyResult verify(long id, Actor actor) {
        return operations.run(Operation.of(actor, "backup.verify", "backup/" + id), () -> verify(id));
    }

    /**
     * The integrity check itself, inside the caller's operation: a restore checks its backup before it uses it.
     *
     * @throws BackupNotCompletedException when the backup is not completed
     */
    public VerifyResult verify(long id) {
        Backup b = queries.require(id);
        if (!BackupStatus.COMPLETED.wire().equals(b.status)) {
            throw new BackupNotCompletedException(id, b.status);
        }
        SnapshotRepository.Checksum actual = database.transaction(Isolation.READ_COMMITTED, true, session -> {
            session.useCanonicalText();
            return rows.checksum(session, id, true);
        });
        return new VerifyResult(id, actual.sha256().equals(b.checksum), b.checksum, actual.sha256(), actual.rows());
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
                rows.detachConcurrently(session, id, rows.partitionState(session, id));
                session.transaction(() -> {
                    rows.drop(session, id);
                    lifecycle.deleteRow(session, id);
                    return null;
                });
            }
            Log.infof("Backup %d deleted", id);
        });
    }

    /** Marks failed the backups whose taker is gone (an instance killed, a session lost). */
    public int failInterrupted() {
        return lifecycle.failInterrupted();
    }
}
