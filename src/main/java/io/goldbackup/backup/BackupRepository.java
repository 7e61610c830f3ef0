package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Backup metadata ({@code gold_backups}) and reads of backup rows ({@code gold_backup_wallets}). Simple reads of
 * the metadata go through Panache; the rest is native SQL over a JDBC connection, either the caller's (inside the
 * snapshot transaction) or a pooled one.
 */
@ApplicationScoped
public class BackupRepository implements PanacheRepositoryBase<Backup, Long> {

    private static final String WALLET_COLUMNS = """
            w.wallet_address, w.current_gold, w.gold_per_hour, w.accumulated_gold, w.last_snapshot_time,
            w.total_gold_per_hour, w.mek_count, w.last_active_time, w.top_mek_gold_rate, w.top_mek_asset_id,
            w.total_mek_gold_rate, w.level, w.experience, w.bank_balance""";

    /** Storage from the catalog's page counts: opens no relation, takes no lock. */
    private static final String CATALOG_STORAGE = """
            SELECT coalesce(sum(c.relpages), 0)::bigint * current_setting('block_size')::bigint
            FROM pg_class c
            WHERE c.relname ~ '^gold_backup_wallets_[0-9]+(_pkey)?$' OR c.relname IN ('gold_backups', 'gold_backups_pkey')""";

    private final AgroalDataSource dataSource;

    BackupRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A Panache condition on type and status, with bound parameters. */
    private record Filter(String query, Map<String, Object> params) {

        static Filter of(Optional<BackupType> type, Optional<BackupStatus> status) {
            StringBuilder query = new StringBuilder("1 = 1");
            Map<String, Object> params = new HashMap<>();
            type.ifPresent(t -> {
                query.append(" and backupType = :type");
                params.put("type", t.wire());
            });
            status.ifPresent(s -> {
                query.append(" and status = :status");
                params.put("status", s.wire());
            });
            return new Filter(query.toString(), params);
        }
    }

    /** Newest first, optionally of one type and one status. */
    public List<Backup> list(int limit, Optional<BackupType> type, Optional<BackupStatus> status) {
        Filter filter = Filter.of(type, status);
        return find(filter.query(), Sort.descending("backupTimestamp", "id"), filter.params())
                .page(Page.ofSize(limit)).list();
    }

    /**
     * One page of the metadata, sorted by {@code sort} (ties by id) and filtered by type and status, with the count
     * of all matching rows: offset paging over {@code gold_backups}, which holds a few hundred rows at most.
     */
    public Paged listPage(Optional<BackupType> type, Optional<BackupStatus> status, BackupSort sort, boolean ascending,
            int pageIndex, int size) {
        Filter filter = Filter.of(type, status);
        Sort.Direction direction = ascending ? Sort.Direction.Ascending : Sort.Direction.Descending;
        var found = find(filter.query(), Sort.by(sort.property(), direction, Sort.NullPrecedence.NULLS_LAST)
                .and("id", direction), filter.params());
        return new Paged(found.page(Page.of(pageIndex, size)).list(), found.count());
    }

    /** A page of backups and the count of all that match. */
    public record Paged(List<Backup> rows, long total) {
    }

    /** Inserts a backup as {@code running}; returns its id. */
    long insertRunning(Connection c, NewBackup b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gold_backups (backup_timestamp, backup_name, backup_type, triggered_by, status, notes,
                                          snapshot_version, system_version, expires_at)
                VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)
                RETURNING id
                """)) {
            ps.setTimestamp(1, Timestamp.from(b.takenAt()));
            ps.setString(2, b.name());
            ps.setString(3, b.type().wire());
            ps.setString(4, b.triggeredBy());
            ps.setString(5, b.notes());
            ps.setInt(6, SnapshotRepository.SNAPSHOT_VERSION);
            ps.setString(7, b.systemVersion());
            ps.setTimestamp(8, Timestamp.from(b.expiresAt()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Marks a running backup completed; false when it is no longer running (recovery marked it failed). */
    boolean markCompleted(Connection c, long id, long wallets, long durationMs, long sizeBytes, String checksum,
            String warningsJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE gold_backups
                SET status = 'completed', total_users_backed_up = ?, duration_ms = ?, size_bytes = ?, checksum = ?,
                    warnings = ?::jsonb, completed_at = now()
                WHERE id = ? AND status = 'running'
                """)) {
            ps.setLong(1, wallets);
            ps.setLong(2, durationMs);
            ps.setLong(3, sizeBytes);
            ps.setString(4, checksum);
            ps.setString(5, warningsJson);
            ps.setLong(6, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks a running backup failed, with a reason fit for operators. */
    void markFailed(long id, String error, long durationMs) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE gold_backups SET status = 'failed', error = ?, duration_ms = ?, completed_at = now()
                WHERE id = ? AND status = 'running'
                """)) {
            ps.setString(1, error);
            ps.setLong(2, durationMs);
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("marking backup " + id + " failed did not work", e);
        }
    }

    /**
     * Marks failed every backup left {@code running} whose taker is gone. A live taker holds an advisory lock on
     * its backup for as long as it runs, so a replica starting beside it does not fail its backup.
     *
     * @return how many backups were marked failed
     */
    int failInterrupted() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE gold_backups
                SET status = 'failed', completed_at = now(),
                    error = 'interrupted: the service stopped while this backup was being taken'
                WHERE status = 'running' AND pg_try_advisory_xact_lock(?, id::integer)
                """)) {
            ps.setInt(1, SnapshotRepository.BACKUP_LOCK_NAMESPACE);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recovering interrupted backups failed", e);
        }
    }

    /** Deletes the metadata row of backup {@code id}. */
    void deleteRow(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM gold_backups WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Totals and averages over every row of backup {@code id}, and its top five wallets by gold. */
    Aggregates aggregates(long id) {
        try (Connection c = dataSource.getConnection()) {
            Aggregates result;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*), coalesce(sum(current_gold), 0), coalesce(sum(gold_per_hour), 0),
                           coalesce(sum(mek_count), 0), coalesce(avg(current_gold), 0), coalesce(avg(gold_per_hour), 0)
                    FROM gold_backup_wallets WHERE backup_id = ?
                    """)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    result = new Aggregates(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4),
                            rs.getDouble(5), rs.getDouble(6), new ArrayList<>());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT wallet_address, current_gold, gold_per_hour, mek_count, level
                    FROM gold_backup_wallets WHERE backup_id = ?
                    ORDER BY current_gold DESC, wallet_address LIMIT 5
                    """)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.topUsers().add(new BackupDetails.TopUser(BackupDetails.mask(rs.getString(1)),
                                rs.getDouble(2), rs.getDouble(3), rs.getInt(4), (Integer) rs.getObject(5)));
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("reading backup " + id + " failed", e);
        }
    }

    /** A page of backup {@code id}'s rows, in address order, after the address {@code after}. */
    List<BackupWallet> page(long id, String after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT %s FROM gold_backup_wallets w
                WHERE w.backup_id = ? AND w.wallet_address > ?
                ORDER BY w.wallet_address LIMIT ?
                """.formatted(WALLET_COLUMNS))) {
            ps.setLong(1, id);
            ps.setString(2, after);
            ps.setInt(3, limit);
            List<BackupWallet> rows = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(wallet(rs, 1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading backup " + id + " failed", e);
        }
    }

    /** One wallet's rows across completed backups, newest first: an index probe per partition. */
    List<WalletBackupEntry> history(String walletAddress, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT b.id, b.backup_timestamp, b.backup_name, b.backup_type, %s
                FROM gold_backup_wallets w
                JOIN gold_backups b ON b.id = w.backup_id
                WHERE w.wallet_address = ? AND b.status = 'completed'
                ORDER BY b.backup_timestamp DESC, b.id DESC
                LIMIT ?
                """.formatted(WALLET_COLUMNS))) {
            ps.setString(1, walletAddress);
            ps.setInt(2, limit);
            List<WalletBackupEntry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new WalletBackupEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            BackupType.fromWire("backupType", rs.getString(4)), wallet(rs, 5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the history of a wallet failed", e);
        }
    }

    /**
     * Counts and figures over the backup metadata at {@code now}: small, indexed, never a scan of wallet rows, so
     * health probes may call it.
     */
    public BackupCounts counts(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        """
                                SELECT count(*) FILTER (WHERE status = 'completed'),
                                       count(*) FILTER (WHERE status = 'completed' AND backup_timestamp > ?::timestamptz - interval '24 hours'),
                                       count(*) FILTER (WHERE status = 'completed' AND backup_timestamp > ?::timestamptz - interval '7 days'),
                                       count(*) FILTER (WHERE status = 'completed' AND backup_timestamp > ?::timestamptz - interval '30 days'),
                                       count(*) FILTER (WHERE status = 'failed'),
                                       count(*) FILTER (WHERE status = 'running'),
                                       coalesce(sum(total_users_backed_up) FILTER (WHERE status = 'completed'), 0),
                                       avg(duration_ms) FILTER (WHERE status = 'completed'),
                                       coalesce(sum(size_bytes) FILTER (WHERE status = 'completed'
                                                AND backup_timestamp > ?::timestamptz - interval '7 days'), 0),
                                       max(backup_timestamp) FILTER (WHERE status = 'completed'),
                                       (SELECT id FROM gold_backups WHERE status = 'completed'
                                         ORDER BY backup_timestamp DESC, id DESC LIMIT 1),
                                       (SELECT id FROM gold_backups WHERE status = 'completed'
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
            throw new IllegalStateException("reading backup metadata failed", e);
        }
    }

    /** Completed backups per type. */
    public Map<String, Long> countsByType() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT backup_type, count(*) FROM gold_backups WHERE status = 'completed'
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
            throw new IllegalStateException("reading backup metadata failed", e);
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
            throw new IllegalStateException("measuring backup storage failed", e);
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
            throw new IllegalStateException("reading the catalog failed", e);
        }
    }

    /** The last completed backup: when it completed and how many wallets it holds. */
    public Optional<LastSuccess> lastSuccess() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT completed_at, total_users_backed_up FROM gold_backups
                WHERE status = 'completed' ORDER BY backup_timestamp DESC, id DESC LIMIT 1
                """); ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new LastSuccess(rs.getTimestamp(1).toInstant(), rs.getLong(2)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("reading backup metadata failed", e);
        }
    }

    /** When the last backup completed and its wallets. */
    public record LastSuccess(Instant completedAt, long wallets) {
    }

    private static BackupWallet wallet(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new BackupWallet(rs.getString(i++), rs.getDouble(i++), rs.getDouble(i++), (Double) rs.getObject(i++),
                instant(rs.getTimestamp(i++)), (Double) rs.getObject(i++), rs.getInt(i++),
                instant(rs.getTimestamp(i++)), (Double) rs.getObject(i++), rs.getString(i++),
                (Double) rs.getObject(i++), (Integer) rs.getObject(i++), (Long) rs.getObject(i++),
                (Double) rs.getObject(i));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** What a new backup row starts with. */
    record NewBackup(Instant takenAt, String name, BackupType type, String triggeredBy, String notes,
            String systemVersion, Instant expiresAt) {
    }

    /**
     * Figures over the backup metadata.
     *
     * @param completed completed backups
     * @param averageDurationMs mean duration of completed backups, null when there are none
     * @param bytesLast7Days bytes of the backups completed in the last 7 days
     * @param catalogStorageBytes storage as the catalog last measured it, see {@link #storageBytesFromCatalog()}
     */
    public record BackupCounts(long completed, long last24h, long last7Days, long last30Days, long failed,
            long running, long totalWalletRows, Double averageDurationMs, long bytesLast7Days,
            Instant lastCompletedAt, Long newestId, Long oldestId, long catalogStorageBytes) {
    }

    /** Aggregates over all rows of one backup. */
    record Aggregates(long wallets, double totalGold, double totalGoldPerHour, long totalMeks, double averageGold,
            double averageGoldPerHour, List<BackupDetails.TopUser> topUsers) {
    }
}
