package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Sql;

/**
 * The metadata of seals and verifications in {@code gold_backups}: the fields a seal covers, the seal, the last
 * verification's verdict (and the status it implies), which backups are due, and the counts health and metrics read.
 * Native SQL: the seal is read and written on the session of the transaction that completes the backup, and a verdict
 * must change status and verdict in one statement that says what the status was before.
 */
@ApplicationScoped
class VerificationRepository {

    private static final String FIELDS = """
            SELECT id, uuid, backup_type, purpose, backup_timestamp, triggered_by, total_users_backed_up, checksum,
                   snapshot_version, seal_key_id, seal_mac, status
            FROM gold_backups WHERE id = ?
            """;

    private final AgroalDataSource dataSource;

    VerificationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The sealed fields, the seal and the status of backup {@code id} as {@code session} sees them; empty: no row. */
    Optional<Stored> read(DbSession session, long id) {
        return Sql.call("reading the seal of backup " + id, () -> {
            try (PreparedStatement ps = session.connection().prepareStatement(FIELDS)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    var fields = new BackupSeal.Fields(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6),
                            rs.getLong(7), rs.getString(8), rs.getInt(9));
                    String keyId = rs.getString(10);
                    return Optional.of(new Stored(fields,
                            keyId == null ? null : new BackupSeal.Seal(keyId, rs.getString(11)), rs.getString(12)));
                }
            }
        });
    }

    /** Writes the seal of backup {@code id} inside the caller's transaction on {@code session}. */
    void writeSeal(DbSession session, long id, BackupSeal.Seal seal) {
        Sql.run("sealing backup " + id, () -> {
            try (PreparedStatement ps = session.connection()
                    .prepareStatement("UPDATE gold_backups SET seal_key_id = ?, seal_mac = ? WHERE id = ?")) {
                ps.setString(1, seal.keyId());
                ps.setString(2, seal.mac());
                ps.setLong(3, id);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Records a verification's verdict on backup {@code id} and sets its status to match ({@code completed} when it
     * passed, {@code corrupt} when not), in one statement, if the backup is still completed or corrupt.
     *
     * @return the status before, or empty when the backup is gone or no longer completed or corrupt
     */
    Optional<String> recordVerdict(long id, boolean ok, String detail, Instant at) {
        return Sql.call("recording the verification of backup " + id, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    WITH before AS (SELECT id, status FROM gold_backups WHERE id = ? FOR UPDATE)
                    UPDATE gold_backups b
                    SET last_verified_at = ?, last_verify_ok = ?, last_verify_detail = ?,
                        status = CASE WHEN ? THEN 'completed' ELSE 'corrupt' END
                    FROM before
                    WHERE b.id = before.id AND before.status IN ('completed', 'corrupt')
                    RETURNING before.status
                    """)) {
                ps.setLong(1, id);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setBoolean(3, ok);
                ps.setString(4, detail);
                ps.setBoolean(5, ok);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Completed backups due for verification at a cutoff (never verified, or last verified at or before it): never
     * verified first, then the longest unverified, ties by id. A few hundred ids at most (one per backup).
     */
    List<Long> due(Instant cutoff) {
        return Sql.call("finding the backups due for verification", () -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.strings(c, """
                        SELECT id::text FROM gold_backups
                        WHERE status = 'completed' AND (last_verified_at IS NULL OR last_verified_at <= ?)
                        ORDER BY last_verified_at NULLS FIRST, id
                        """, Timestamp.from(cutoff)).stream().map(Long::valueOf).toList();
            }
        });
    }

    /** The figures of the integrity check and the gauges: one small query over the metadata. */
    Counts counts(Instant overdueCutoff) {
        return Sql.call("counting corrupt backups", () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE status = 'corrupt'),
                           count(*) FILTER (WHERE status = 'completed' AND seal_mac IS NULL),
                           count(*) FILTER (WHERE status = 'completed'
                                            AND coalesce(last_verified_at, completed_at) < ?),
                           (SELECT string_agg(id::text, ',' ORDER BY id) FROM
                               (SELECT id FROM gold_backups WHERE status = 'corrupt' ORDER BY id LIMIT 20) s)
                    FROM gold_backups
                    """)) {
                ps.setTimestamp(1, Timestamp.from(overdueCutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    List<Long> ids = new ArrayList<>();
                    String list = rs.getString(4);
                    if (list != null) {
                        for (String id : list.split(",")) {
                            ids.add(Long.valueOf(id));
                        }
                    }
                    return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), ids);
                }
            }
        });
    }

    /**
     * A backup's sealed fields as stored, its seal (null: unsealed) and status.
     */
    record Stored(BackupSeal.Fields fields, BackupSeal.Seal seal, String status) {
    }

    /**
     * Integrity figures.
     *
     * @param corrupt backups marked corrupt
     * @param unsealedCompleted completed backups without a seal
     * @param overdue completed backups not verified since the cutoff (counted from completion when never verified)
     * @param corruptIds the first 20 corrupt backups' ids
     */
    record Counts(long corrupt, long unsealedCompleted, long overdue, List<Long> corruptIds) {
    }
}
