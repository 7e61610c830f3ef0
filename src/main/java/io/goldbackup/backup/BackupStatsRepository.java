package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.DatabaseException;
import io.goldbackup.db.Partitions;

/**
 * Figures over the backup metadata and the catalog (backups counted are the completed ones of purpose {@code backup}:
 * a restore's safety snapshot is no backup for the indicators), for statistics, health indicators, metrics and the storage
 * limits: small, indexed queries, never a scan of wallet rows. Native: they combine filtered aggregates with the
 * catalog's sizes in one round trip, which is what lets health probes ask often.
 */
@ApplicationScoped
public class BackupStatsRepository {

    /** Storage from the catalog's page counts: opens no relation, takes no lock. */
    private static final String CATALOG_STORAGE = """
            SELECT coalesce(sum(c.relpages), 0)::bigint * current_setting('block_size')::bigint
            FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace
              AND (c.relname ~ '%s' OR c.relname IN ('gold_backups', 'gold_backups_pkey'))"""
            .formatted(Partitions.CATALOG_PATTERN);

    private final AgroalDataSource dataSource;

    BackupStatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Counts and figures over the backup metadata at {@code now}: small, indexed, never a scan of wallet rows, so
     * health probes may call it. The windows (24 hours, 7 days, 30 days) count backups by when they completed, not
     * when they started: by start time, the backup that ran at this hour 7 days ago leaves the window as today's
     * starts, and the count of the last 7 days dipped (and the frequency indicator failed) for as long as a daily
     * backup runs.
     */
    public BackupCounts counts(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        """
                                SELECT count(*) FILTER (WHERE status = 'completed' AND purpose = 'backup'),
                                       count(*) FILTER (WHERE status = 'completed' AND purpose = 'backup' AND completed_at > ?::timestamptz - interval '24 hours'),
                                       count(*) FILTER (WHERE status = 'completed' AND purpose = 'backup' AND completed_at > ?::timestamptz - interval '7 days'),
                                       count(*) FILTER (WHERE status = 'completed' AND purpose = 'backup' AND completed_at > ?::timestamptz - interval '30 days'),
                                       count(*) FILTER (WHERE status = 'failed'),
                                       count(*) FILTER (WHERE status = 'running'),
                                       coalesce(sum(total_users_backed_up) FILTER (WHERE status = 'completed' AND purpose = 'backup'), 0),
                                       avg(duration_ms) FILTER (WHERE status = 'completed' AND purpose = 'backup'),
                                       coalesce(sum(size_bytes) FILTER (WHERE status = 'completed' AND purpose = 'backup'
                                                AND completed_at > ?::timestamptz - interval '7 days'), 0),
                                       max(backup_timestamp) FILTER (WHERE status = 'completed' AND purpose = 'backup'),
                                       (SELECT id FROM gold_backups WHERE status = 'completed' AND purpose = 'backup'
                                         ORDER BY backup_timestamp DESC, id DESC LIMIT 1),
                                       (SELECT id FROM gold_backups WHERE status = 'completed' AND purpose = 'backup'
                                         ORDER BY backup_timestamp, id LIMIT 1),
                                       (%s)
                                FROM gold_backups
                                """
                                .formatted(CATALOG_STORAGE))) {
            Timestamp at = Timestamp.from(now);
            for (int i = 1; i <= 4; i++) {
                ps.setTimestamp(i, at);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Object avg = rs.getObject(8);
                return new BackupCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), avg == null ? null : ((Number) avg).doubleValue(),
                        rs.getLong(9), instant(rs.getTimestamp(10)), (Long) rs.getObject(11),
                        (Long) rs.getObject(12), rs.getLong(13));
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading backup metadata failed", e);
        }
    }

    /** Completed backups per type. */
    public Map<String, Long> countsByType() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT backup_type, count(*) FROM gold_backups WHERE status = 'completed' AND purpose = 'backup'
                GROUP BY backup_type ORDER BY backup_type
                """); ResultSet rs = ps.executeQuery()) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            for (BackupType t : BackupType.values()) {
                counts.put(t.wire(), 0L);
            }
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new DatabaseException("reading backup metadata failed", e);
        }
    }

    /** Bytes all backups take, as PostgreSQL's catalog measures them: every partition plus the metadata table. */
    public long storageBytes() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(sum(pg_total_relation_size(relid)), 0) + pg_total_relation_size('gold_backups')
                FROM pg_partition_tree('gold_backup_wallets') WHERE isleaf
                """); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseException("measuring backup storage failed", e);
        }
    }

    /**
     * Bytes of all backup partitions and their indexes as the catalog last measured them (pg_class.relpages, set
     * when each backup is analyzed): no lock taken, nothing opened, so health probes and scrapes never wait on a
     * backup or a cleanup that holds one. {@link #storageBytes()} measures exactly.
     */
    public double storageBytesFromCatalog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(CATALOG_STORAGE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseException("reading the catalog failed", e);
        }
    }

    /** The last completed backup: when it completed and how many wallets it holds. */
    public Optional<LastSuccess> lastSuccess() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT completed_at, total_users_backed_up FROM gold_backups
                WHERE status = 'completed' AND purpose = 'backup' ORDER BY backup_timestamp DESC, id DESC LIMIT 1
                """); ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new LastSuccess(rs.getTimestamp(1).toInstant(), rs.getLong(2)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new DatabaseException("reading backup metadata failed", e);
        }
    }

    /** When the last backup completed and its wallets. */
    public record LastSuccess(Instant completedAt, long wallets) {
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /**
     * Figures over the backup metadata.
     *
     * @param completed completed backups
     * @param averageDurationMs mean duration of completed backups, null when there are none
     * @param last24h completed backups that completed in the last 24 hours (likewise {@code last7Days},
     *        {@code last30Days})
     * @param bytesLast7Days bytes of the backups completed in the last 7 days
     * @param catalogStorageBytes storage as the catalog last measured it, see {@link #storageBytesFromCatalog()}
     */
    public record BackupCounts(long completed, long last24h, long last7Days, long last30Days, long failed,
            long running, long totalWalletRows, Double averageDurationMs, long bytesLast7Days,
            Instant lastCompletedAt, Long newestId, Long oldestId, long catalogStorageBytes) {
    }

}
