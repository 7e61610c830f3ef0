package io.goldbackup.offsite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Sql;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.security.Actor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;

/**
 * The import log ({@code offsite_imports}): registered by native SQL on the session that takes the import's lock in
 * the same transaction (so recovery never sees a running import without its lock); read and finished through Panache,
 * each write in a transaction of its own.
 */
@ApplicationScoped
class OffsiteImportRepository implements PanacheRepositoryBase<OffsiteImportRecord, Long> {

    /** Registers a running import on {@code session}, inside the caller's transaction; answers its id. */
    long insert(DbSession session, String target, UUID uuid, Long originalBackupId, Actor actor, Instant startedAt) {
        return Sql.call("registering an import", () -> {
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    INSERT INTO offsite_imports (target, backup_uuid, original_backup_id, triggered_by, actor_name,
                                                 started_at, operation_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """)) {
                ps.setString(1, target);
                ps.setObject(2, uuid);
                ps.setObject(3, originalBackupId);
                ps.setString(4, actor.subject());
                ps.setString(5, actor.name());
                ps.setTimestamp(6, Timestamp.from(startedAt));
                ps.setString(7, OperationRunner.currentId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Which copy the import found: its uuid and original id, from its manifest. */
    void found(long id, UUID uuid, long originalBackupId) {
        QuarkusTransaction.requiringNew().run(() -> update(
                "backupUuid = :uuid, originalBackupId = :original where id = :id",
                Parameters.with("uuid", uuid).and("original", originalBackupId).and("id", id)));
    }

    /** Completes a running import with the backup it created. */
    void complete(long id, long backupId, long durationMs) {
        QuarkusTransaction.requiringNew().run(() -> update(
                "status = 'completed', finishedAt = current_timestamp, durationMs = :ms, backupId = :backup "
                        + "where id = :id and status = 'running'",
                Parameters.with("ms", durationMs).and("backup", backupId).and("id", id)));
    }

    /** Marks a running import failed with the reason. */
    void fail(long id, String error, long durationMs) {
        QuarkusTransaction.requiringNew().run(() -> update(
                "status = 'failed', finishedAt = current_timestamp, durationMs = :ms, error = :error "
                        + "where id = :id and status = 'running'",
                Parameters.with("ms", durationMs).and("error", error).and("id", id)));
    }

    /**
     * Marks failed the imports left {@code running} whose lock is free: their instance is gone, and their transaction
     * with it (nothing imported). Native: the lock test is SQL.
     *
     * @return the ids marked failed
     */
    List<Long> failInterrupted() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = getEntityManager().createNativeQuery("""
                    UPDATE offsite_imports
                    SET status = 'failed', finished_at = now(),
                        error = 'interrupted: the instance importing this copy stopped or lost its database '
                                || 'session; its transaction was rolled back and nothing was imported'
                    WHERE status = 'running' AND %s
                    RETURNING id
                    """.formatted(AdvisoryLock.OFFSITE_IMPORT.tryInTransactionSql("id"))).getResultList();
            return ids.stream().map(Number::longValue).toList();
        });
    }

    /** One import. */
    Optional<OffsiteImport> find(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> findByIdOptional(id).map(OffsiteImportRecord::toView));
    }
}
