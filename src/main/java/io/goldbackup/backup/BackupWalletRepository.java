package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.DatabaseException;

/**
 * Reads of backups' wallet rows: totals over a backup, keyset pages, one wallet's history. Native SQL over the
 * partitioned table: each is an index probe or one aggregate inside PostgreSQL, never rows pulled into Java.
 */
@ApplicationScoped
class BackupWalletRepository {

    private static final String WALLET_COLUMNS = """
            w.wallet_address, w.current_gold, w.gold_per_hour, w.accumulated_gold, w.last_snapshot_time,
            w.total_gold_per_hour, w.mek_count, w.last_active_time, w.top_mek_gold_rate, w.top_mek_asset_id,
            w.total_mek_gold_rate, w.level, w.experience, w.bank_balance""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    BackupWalletRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The aggregates kept for completed backup {@code id} ({@link #keep}), if computed before. */
    Optional<Aggregates> kept(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT aggregates::text FROM gold_backup_aggregates WHERE backup_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(json.readValue(rs.getString(1), Aggregates.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading the aggregates of backup " + id + " failed", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the kept aggregates of backup " + id + " cannot be read", e);
        }
    }

    /** Keeps completed backup {@code id}'s aggregates: its rows never change. The first to compute them wins. */
    void keep(long id, Aggregates aggregates) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gold_backup_aggregates (backup_id, aggregates) VALUES (?, ?::jsonb)
                ON CONFLICT (backup_id) DO NOTHING
                """)) {
            ps.setLong(1, id);
            ps.setString(2, json.writeValueAsString(aggregates));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("keeping the aggregates of backup " + id + " failed", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Totals and averages over every row of backup {@code id}, and its top five wallets by gold (whole addresses). */
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
                        result.topUsers().add(new BackupDetails.TopUser(rs.getString(1),
                                rs.getDouble(2), rs.getDouble(3), rs.getInt(4), (Integer) rs.getObject(5)));
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseException("reading backup " + id + " failed", e);
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
            throw new DatabaseException("reading backup " + id + " failed", e);
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
            throw new DatabaseException("reading the history of a wallet failed", e);
        }
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

    /** Aggregates over all rows of one backup. */
    record Aggregates(long wallets, double totalGold, double totalGoldPerHour, long totalMeks, double averageGold,
            double averageGoldPerHour, List<BackupDetails.TopUser> topUsers) {
    }
}
