package io.goldbackup.benchmark;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * The best hand-written SQL for what each benchmarked operation produces, without what the service adds on top (no
 * checksum, no safety snapshot, no audit, no verification): the yardstick of the benchmark's ratios. Everything that
 * writes is rolled back, so the data set stays as the service's own operations leave it.
 */
final class HandWritten {

    private final DataSource data;

    HandWritten(DataSource data) {
        this.data = data;
    }

    /**
     * One REPEATABLE READ transaction: a hash aggregate of the meks plus a join back for the top mek,
     * {@code INSERT ... SELECT} into an indexed table; rolled back.
     */
    void snapshot() throws SQLException {
        inRolledBack(st -> {
            st.execute("SET LOCAL work_mem = '256MB'");
            st.execute("""
                    CREATE TABLE bench_snapshot (LIKE gold_backup_wallets INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
                    ALTER TABLE bench_snapshot ADD PRIMARY KEY (wallet_address, backup_id);
                    """);
            st.execute("""
                    INSERT INTO bench_snapshot
                    WITH agg AS (
                        SELECT wallet_address, count(*) AS mek_count, sum(gold_per_hour) AS total_rate,
                               max(gold_per_hour) AS top_rate
                        FROM owned_meks GROUP BY wallet_address
                    ), top AS (
                        SELECT o.wallet_address, max(o.asset_id) AS top_asset
                        FROM owned_meks o JOIN agg a ON a.wallet_address = o.wallet_address
                                                   AND o.gold_per_hour = a.top_rate
                        GROUP BY o.wallet_address
                    )
                    SELECT 0, g.wallet_address,
                           CASE WHEN g.is_blockchain_verified AND g.consecutive_snapshot_failures < 3
                                     AND g.last_snapshot_time IS NOT NULL
                                THEN g.accumulated_gold + g.total_gold_per_hour
                                     * greatest(0, date_part('epoch', now() - g.last_snapshot_time) / 3600.0)
                                ELSE g.accumulated_gold END,
                           g.total_gold_per_hour, g.accumulated_gold, g.last_snapshot_time, g.total_gold_per_hour,
                           coalesce(a.mek_count, 0), g.last_active_time, a.top_rate, t.top_asset,
                           coalesce(a.total_rate, 0), p.level, p.experience, p.bank_balance
                    FROM gold_mining g
                    LEFT JOIN agg a ON a.wallet_address = g.wallet_address
                    LEFT JOIN top t ON t.wallet_address = g.wallet_address
                    LEFT JOIN players p ON p.wallet_address = g.wallet_address
                    """);
        });
    }

    /** {@code COPY (the canonical rows) TO STDOUT} piped into {@code sha256sum}, as psql would; answers the digest. */
    String copyIntoSha256sum(long backupId, String columns) throws Exception {
        Process sha = new ProcessBuilder("sha256sum").redirectErrorStream(true).start();
        try (Connection c = data.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute(
                    "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL extra_float_digits = 1");
            try (OutputStream out = sha.getOutputStream()) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT %s FROM gold_backup_wallets WHERE "
                        .formatted(columns) + "backup_id = " + backupId + " ORDER BY wallet_address) TO STDOUT", out);
            }
            c.rollback();
        }
        try (InputStream in = sha.getInputStream()) {
            String printed = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            sha.waitFor();
            return printed.substring(0, 64);
        }
    }

    /** A backup's totals over all rows and its top 5 wallets by gold. */
    void details(long backupId) throws SQLException {
        query("SELECT count(*), sum(current_gold), sum(gold_per_hour), avg(current_gold) FROM gold_backup_wallets "
                + "WHERE backup_id = " + backupId);
        query("SELECT wallet_address, current_gold FROM gold_backup_wallets WHERE backup_id = " + backupId
                + " ORDER BY current_gold DESC LIMIT 5");
    }

    /** One keyset page of 1,000 rows. */
    void page(long backupId, String after) throws SQLException {
        query("SELECT * FROM gold_backup_wallets WHERE backup_id = " + backupId + " AND wallet_address > '" + after
                + "' ORDER BY wallet_address LIMIT 1000");
    }

    /** One wallet's rows in the newest 50 backups. */
    void history(String wallet) throws SQLException {
        query("SELECT b.id, b.backup_timestamp, w.current_gold FROM gold_backup_wallets w JOIN gold_backups b "
                + "ON b.id = w.backup_id WHERE w.wallet_address = '" + wallet + "' ORDER BY b.id DESC LIMIT 50");
    }

    /** A dry run's figures: in scope, differing, gold before and after, over the backup joined to the live rows. */
    void plan(long backupId, List<String> targets) throws SQLException {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), count(*) FILTER (WHERE g.accumulated_gold <> b.current_gold
                                                  OR g.total_gold_per_hour <> b.gold_per_hour
                                                  OR p.level IS DISTINCT FROM b.level),
                       sum(g.accumulated_gold), sum(b.current_gold)
                FROM gold_backup_wallets_%d b
                JOIN gold_mining g ON g.wallet_address = b.wallet_address
                LEFT JOIN players p ON p.wallet_address = b.wallet_address
                WHERE ?::text[] IS NULL OR b.wallet_address = ANY(?::text[])
                """.formatted(backupId))) {
            Array named = targets == null ? null : c.createArrayOf("text", targets.toArray());
            ps.setArray(1, named);
            ps.setArray(2, named);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    /** {@code UPDATE ... FROM} the backup for gold and players, of every wallet or the named ones; rolled back. */
    void restore(long backupId, List<String> targets) throws SQLException {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            String named = targets == null ? "" : " AND b.wallet_address = ANY(?::text[])";
            for (String sql : List.of("""
                    UPDATE gold_mining g
                    SET accumulated_gold = b.current_gold, total_gold_per_hour = b.gold_per_hour,
                        last_snapshot_time = now(), updated_at = now()
                    FROM gold_backup_wallets_%d b
                    WHERE b.wallet_address = g.wallet_address""", """
                    UPDATE players p
                    SET level = b.level, experience = b.experience, bank_balance = b.bank_balance
                    FROM gold_backup_wallets_%d b
                    WHERE b.wallet_address = p.wallet_address AND b.level IS NOT NULL""")) {
                try (PreparedStatement ps = c.prepareStatement(sql.formatted(backupId) + named)) {
                    if (targets != null) {
                        ps.setArray(1, c.createArrayOf("text", targets.toArray()));
                    }
                    ps.executeUpdate();
                }
            }
            c.rollback();
        }
    }

    /** Detach, drop and forget the given backups, in one transaction; rolled back. */
    void dropBackups(List<Long> ids) throws SQLException {
        inRolledBack(st -> {
            for (long id : ids) {
                st.execute("ALTER TABLE gold_backup_wallets DETACH PARTITION gold_backup_wallets_" + id);
                st.execute("DROP TABLE gold_backup_wallets_" + id);
                st.execute("DELETE FROM gold_backups WHERE id = " + id);
            }
        });
    }

    private void query(String sql) throws SQLException {
        try (Connection c = data.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private interface Work {
        void run(Statement st) throws SQLException;
    }

    private void inRolledBack(Work work) throws SQLException {
        try (Connection c = data.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            work.run(st);
            c.rollback();
        }
    }
}
