package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;

/**
 * The writes of a backup's metadata row that belong to the backup's own session: inserting it as running (with the
 * lock that marks it alive), completing it in the snapshot's transaction (so the row and the attached rows commit
 * together), deleting it with its partition, and failing the orphans. Native SQL on the backup's session, because
 * Hibernate's session works on a pooled connection of its own transaction, not on the snapshot's.
 */
@ApplicationScoped
class BackupLifecycleRepository {

    private final AgroalDataSource dataSource;

    BackupLifecycleRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a backup as {@code running}; returns its id. */
    long insertRunning(DbSession session, NewBackup b) {
        return insert(session, b, null);
    }

    /**
     * Inserts an imported backup as {@code running}, with the uuid, time, type and name it had where it was made and
     * where it came from; returns its new local id. Completed in the same transaction once its rows are loaded and
     * checked, so nothing of a refused import is ever visible.
     */
    long insertImported(DbSession session, NewBackup b, ImportOrigin origin) {
        return insert(session, b, origin);
    }

    private long insert(DbSession session, NewBackup b, ImportOrigin origin) {
        return Sql.call("registering a backup", () -> {
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    INSERT INTO gold_backups (backup_timestamp, backup_name, backup_type, triggered_by, status, notes,
                                              snapshot_version, system_version, expires_at, purpose, uuid,
                                              imported_from_target, imported_original_id, imported_original_timestamp)
                    VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, coalesce(?, gen_random_uuid()), ?, ?, ?)
                    RETURNING id
                    """)) {
                ps.setTimestamp(1, Timestamp.from(b.takenAt()));
                ps.setString(2, b.name());
                ps.setString(3, b.type().wire());
                ps.setString(4, b.triggeredBy());
                ps.setString(5, b.notes());
                ps.setInt(6, origin == null ? SnapshotRepository.SNAPSHOT_VERSION : origin.snapshotVersion());
                ps.setString(7, b.systemVersion());
                ps.setTimestamp(8, Timestamp.from(b.expiresAt()));
                ps.setString(9, b.purpose().wire());
                ps.setObject(10, origin == null ? null : origin.uuid(), java.sql.Types.OTHER);
                ps.setString(11, origin == null ? null : origin.target());
                ps.setObject(12, origin == null ? null : origin.originalId(), java.sql.Types.BIGINT);
                ps.setTimestamp(13, origin == null ? null : Timestamp.from(b.takenAt()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Marks a running backup completed; false when it is no longer running (recovery marked it failed). */
    boolean markCompleted(DbSession session, long id, Completion done) {
        return Sql.call("completing backup " + id, () -> {
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    UPDATE gold_backups
                    SET status = 'completed', total_users_backed_up = ?, duration_ms = ?, size_bytes = ?, checksum = ?,
                        warnings = ?::jsonb, completed_at = now()
                    WHERE id = ? AND status = 'running'
                    """)) {
                ps.setLong(1, done.wallets());
                ps.setLong(2, done.durationMs());
                ps.setLong(3, done.sizeBytes());
                ps.setString(4, done.checksum());
                ps.setString(5, done.warningsJson());
                ps.setLong(6, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Deletes the metadata row of backup {@code id}, in the transaction that drops its partition; with
     * {@code keepCorrupt}, only if it is not marked corrupt.
     *
     * @return false when {@code keepCorrupt} and the backup is marked corrupt (nothing deleted)
     */
    boolean deleteRow(DbSession session, long id, boolean keepCorrupt) {
        return Sql.call("deleting backup " + id, () -> {
            try (PreparedStatement ps = session.connection().prepareStatement(keepCorrupt
                    ? "DELETE FROM gold_backups WHERE id = ? AND status <> 'corrupt' RETURNING id"
                    : "DELETE FROM gold_backups WHERE id = ? RETURNING id");
                    PreparedStatement corrupt = session.connection().prepareStatement(
                            "SELECT 1 FROM gold_backups WHERE id = ? AND status = 'corrupt'")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() || !keepCorrupt) {
                        return true;
                    }
                }
                corrupt.setLong(1, id);
                try (ResultSet rs = corrupt.executeQuery()) {
                    return !rs.next();
                }
            }
        });
    }

    /**
     * Marks failed every backup left {@code running} whose taker is gone. A live taker holds the backup's advisory
     * lock for as long as it runs, so a replica beside it never fails its backup. Native: the lock test is SQL.
     *
     * @return the ids of the backups marked failed
     */
    List<Long> failInterrupted() {
        return Sql.call("recovering interrupted backups", () -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.strings(c, """
                        UPDATE gold_backups
                        SET status = 'failed', completed_at = now(), error = ?
                        WHERE status = 'running' AND %s
                        RETURNING id::text
                        """.formatted(AdvisoryLock.BACKUP.tryInTransactionSql("id")), INTERRUPTED).stream()
                        .map(Long::valueOf).toList();
            }
        });
    }

    /** The reason a backup whose taker is gone is recorded with. */
    static final String INTERRUPTED = "interrupted: the instance taking this backup stopped or lost its database "
            + "session; the snapshot was rolled back";

    /**
     * Backups whose partition exists but is not attached (or its detach is pending): what a delete cut off between
     * its two transactions leaves. A snapshot's own table is never seen here: it is uncommitted until attached.
     */
    List<Long> unattachedPartitions() {
        return Sql.call("finding unattached partitions", () -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.strings(c,
                        """
                                SELECT substr(c.relname, length(?) + 2)
                                FROM pg_class c
                                WHERE c.relkind = 'r' AND c.relname ~ '^gold_backup_wallets_[0-9]+$'
                                  AND c.relnamespace = (SELECT p.relnamespace FROM pg_class p
                                                        WHERE p.oid = 'gold_backup_wallets'::regclass)
                                  AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid AND NOT i.inhdetachpending)
                                ORDER BY 1
                                """,
                        Partitions.PARENT).stream().map(Long::valueOf).toList();
            }
        });
    }

    /** The status of backup {@code id}, or null when it has no row. */
    String status(DbSession session, long id) {
        return Sql.call("reading backup " + id, () -> {
            List<String> status = Sql.strings(session.connection(), "SELECT status FROM gold_backups WHERE id = ?", id);
            return status.isEmpty() ? null : status.get(0);
        });
    }

    /** What a new backup row starts with. */
    record NewBackup(Instant takenAt, String name, BackupType type, String triggeredBy, String notes,
            String systemVersion, Instant expiresAt, BackupPurpose purpose) {
    }

    /**
     * Where an imported backup comes from: its uuid, the target, its id where it was made (its time is its own), and
     * the snapshot version its checksum was computed with there.
     */
    record ImportOrigin(java.util.UUID uuid, String target, long originalId, int snapshotVersion) {
    }

    /** What a completed backup records. */
    record Completion(long wallets, long durationMs, long sizeBytes, String checksum, String warningsJson) {
    }
}
