package io.goldbackup.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Assertions;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.gamestate.GameStateSeeder;

/** Direct SQL for tests: resetting, arranging live data, and reading it back to assert on. */
@ApplicationScoped
public class Db {

    private final AgroalDataSource dataSource;

    Db(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    /** Empties the live tables and removes every backup with its partition. */
    public void reset() {
        List<String> partitions = strings("""
                SELECT c.relname FROM pg_class c
                WHERE c.relname ~ '^gold_backup_wallets_[0-9]+$' AND c.relkind = 'r'
                """);
        StringBuilder sql = new StringBuilder();
        for (String p : partitions) {
            sql.append("DROP TABLE IF EXISTS ").append(p).append(";");
        }
        sql.append("DELETE FROM gold_backups; DELETE FROM restore_runs; TRUNCATE gold_mining, owned_meks, players;");
        execute(sql.toString());
    }

    /** Adds {@code count} demo wallets numbered from {@code first}. */
    public void seed(long first, long count) {
        GameStateSeeder.seed(dataSource, first, count, 8);
    }

    /** Inserts one mining wallet. */
    public void insertWallet(String address, double accumulated, double rate, Instant lastSnapshot, boolean verified,
            int failures) {
        update("""
                INSERT INTO gold_mining (wallet_address, accumulated_gold, total_gold_per_hour, last_snapshot_time,
                                         last_active_time, is_blockchain_verified, consecutive_snapshot_failures)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, address, accumulated, rate, lastSnapshot == null ? null : Timestamp.from(lastSnapshot),
                Timestamp.from(Instant.now()), verified, failures);
    }

    public void insertMek(String address, String assetId, double rate) {
        update("INSERT INTO owned_meks (wallet_address, asset_id, policy_id, asset_name, gold_per_hour) "
                + "VALUES (?, ?, 'policy', 'name', ?)", address, assetId, rate);
    }

    public void insertPlayer(String address, int level, long experience, double bank) {
        update("INSERT INTO players (wallet_address, level, experience, bank_balance) VALUES (?, ?, ?, ?)", address,
                level, experience, bank);
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... params) {
        return ((Number) single(sql, params)).longValue();
    }

    public Object single(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> strings(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The game's tables, row by row: gold_mining, owned_meks, players. */
    public TableRows gameRows() {
        return rows(TableRows.GAME);
    }

    /** The game's tables and the backup metadata, row by row, to prove that a refused request changed nothing. */
    public TableRows liveRows() {
        return rows(TableRows.LIVE);
    }

    public TableRows rows(List<TableRows.Table> tables) {
        try (Connection c = dataSource.getConnection()) {
            return TableRows.read(c, tables);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails, naming the rows added, removed or changed (the first few, with their columns before and after), when
     * the tables of {@code before} differ now from what they were.
     */
    public void assertUnchanged(TableRows before, String message) {
        String differences = before.differencesTo(rows(before.tables()));
        if (!differences.isEmpty()) {
            Assertions.fail(message + "\n" + differences);
        }
    }
}
