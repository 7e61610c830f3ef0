package io.goldbackup.restore;

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

import io.goldbackup.db.DbSession;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;
import io.goldbackup.gamestate.GoldRule;
import io.goldbackup.gamestate.RestoredFields;

/**
 * The SQL of a restore's plan: totals and the fingerprint's live state in one pass, the largest diffs, mek changes,
 * and what is missing on either side. Native: each is one statement joining the backup's partition to the live
 * tables inside PostgreSQL, whatever the number of wallets.
 */
@ApplicationScoped
class RestorePlanRepository {

    /** How many times {@link #affected} binds its time. */
    private static final int AS_OF_BINDS = 2;

    /**
     * The wallets in scope joined to their live state, as {@code c}; the flags {@code gold_changes} and
     * {@code player_changes} per row are the restore's own predicate ({@link RestoredFields}), so the plan counts
     * exactly the wallets a restore at {@code asOf} writes ({@link #CHANGES}). {@code asOf} is a bind parameter that
     * appears {@value #AS_OF_BINDS} times, first in the query.
     */
    static String affected(RestoreScope s, String asOf) {
        return """
                c AS (
                    SELECT b.wallet_address, b.current_gold, b.gold_per_hour, b.level, b.experience, b.bank_balance,
                           b.mek_count AS mek_count_then, b.total_mek_gold_rate AS mek_rate_then,
                           %s AS gold_now, g.total_gold_per_hour AS rate_now,
                           p.level AS level_now, p.experience AS experience_now, p.bank_balance AS bank_now,
                           hash_record_extended(ROW(g.wallet_address, g.accumulated_gold,
                               g.total_gold_per_hour, g.last_snapshot_time, g.is_blockchain_verified,
                               g.consecutive_snapshot_failures, p.level, p.experience, p.bank_balance), 0) AS live_hash,
                           %s AS gold_changes, %s AS player_changes
                    FROM %s
                )""".formatted(GoldRule.currentGold("g", asOf), RestoredFields.goldDiffers("g", "b", asOf),
                RestoredFields.playerDiffers("p", "b"), s.joinedLive());
    }

    /** A row of {@link #affected} that a restore changes. */
    static final String CHANGES = "(gold_changes OR player_changes)";

    /**
     * The totals over {@link #affected} {@code c}, as {@link PlanTotals} reads them: count, changing, gold and rate
     * before and after, and the fingerprint's sum and xor of the live rows' hashes.
     */
    static final String TOTALS = """
            SELECT count(*), count(*) FILTER (WHERE %s),
                   coalesce(sum(gold_now), 0), coalesce(sum(current_gold), 0),
                   coalesce(sum(rate_now), 0), coalesce(sum(gold_per_hour), 0),
                   coalesce(sum(live_hash), 0), coalesce(bit_xor(live_hash), 0)
            FROM c
            """.formatted(CHANGES);

    /** {@link #TOTALS} read from {@code rs}, on its row. */
    static PlanTotals totals(ResultSet rs) throws SQLException {
        return new PlanTotals(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                rs.getDouble(6), rs.getLong(1) + ":" + rs.getBigDecimal(7).toPlainString() + ":" + rs.getLong(8));
    }

    static int bindAsOf(PreparedStatement ps, Instant asOf) throws SQLException {
        for (int i = 1; i <= AS_OF_BINDS; i++) {
            ps.setTimestamp(i, Timestamp.from(asOf));
        }
        return AS_OF_BINDS + 1;
    }

    /**
     * Counts and totals over the wallets in scope, and what the fingerprint covers, in one pass: every live field a
     * restore reads or overwrites (row hash {@code live_hash}), combined order-independently as count, sum and xor
     * of the 64-bit row hashes.
     */
    PlanTotals totals(DbSession session, RestoreScope s, Instant asOf) {
        return Sql.call("totals", () -> {
            Connection c = session.connection();
            String sql = "WITH " + affected(s, "?::timestamptz") + TOTALS;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindAsOf(ps, asOf);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return totals(rs);
                }
            }
        });
    }

    /** The largest gold changes first, with mek figures now for those wallets only; and the sum of the rest. */
    Diffs diffs(DbSession session, RestoreScope s, Instant asOf, int limit) {
        return Sql.call("diffs", () -> {
            Connection c = session.connection();
            String sql = "WITH " + affected(s, "?::timestamptz") + """
                    , top AS MATERIALIZED (
                        SELECT * FROM c WHERE %s
                        ORDER BY abs(current_gold - gold_now) DESC, wallet_address LIMIT ?
                    )
                    SELECT top.wallet_address, top.gold_now, top.current_gold, top.rate_now, top.gold_per_hour,
                           top.level_now, top.level, top.experience_now, top.experience, top.bank_now, top.bank_balance,
                           top.mek_count_then, coalesce(m.n, 0), top.mek_rate_then, coalesce(m.rate, 0)
                    FROM top
                    LEFT JOIN LATERAL (SELECT count(*) AS n, sum(o.gold_per_hour) AS rate
                                       FROM owned_meks o WHERE o.wallet_address = top.wallet_address) m ON true
                    ORDER BY abs(top.current_gold - top.gold_now) DESC, top.wallet_address
                    """.formatted(CHANGES);
            List<WalletDiff> diffs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(bindAsOf(ps, asOf), limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double before = rs.getDouble(2);
                        double after = rs.getDouble(3);
                        int mekThen = rs.getInt(12);
                        int mekNow = rs.getInt(13);
                        double rateThen = rs.getDouble(14);
                        double rateNow = rs.getDouble(15);
                        diffs.add(new WalletDiff(rs.getString(1), before, after, after - before, rs.getDouble(4),
                                rs.getDouble(5), (Integer) rs.getObject(6), (Integer) rs.getObject(7),
                                (Long) rs.getObject(8), (Long) rs.getObject(9), (Double) rs.getObject(10),
                                (Double) rs.getObject(11), mekThen, mekNow, rateThen, rateNow,
                                mekThen != mekNow || Math.abs(rateThen - rateNow) > 1e-9 * Math.max(1, rateThen)));
                    }
                }
            }
            return new Diffs(diffs);
        });
    }

    /** How many wallets in scope have a different mek count, or mek rate, now than in the backup. */
    long[] mekChanges(DbSession session, RestoreScope s) {
        return Sql.call("mek changes", () -> {
            Connection c = session.connection();
            String sql = """
                    SELECT count(*) FILTER (WHERE b.mek_count <> coalesce(m.n, 0)),
                           count(*) FILTER (WHERE abs(coalesce(b.total_mek_gold_rate, 0) - coalesce(m.rate, 0))
                                                  > 1e-9 * greatest(1::double precision, b.total_mek_gold_rate))
                    FROM %s b
                    JOIN gold_mining g ON g.wallet_address = b.wallet_address
                    LEFT JOIN (SELECT o.wallet_address, count(*) AS n, sum(o.gold_per_hour) AS rate
                               FROM owned_meks o WHERE %s GROUP BY o.wallet_address) m
                           ON m.wallet_address = b.wallet_address
                    WHERE %s
                    """.formatted(s.table(), s.targets("o.wallet_address"), s.where());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    /** Wallets of the backup in scope that no longer exist live: count and the first ones. */
    RestorePlan.Missing backupWalletsNotLive(DbSession session, RestoreScope s, int sample) {
        return Sql.call("backup wallets not live", () -> {
            Connection c = session.connection();
            String where = "FROM " + s.backupRows()
                    + " AND NOT EXISTS (SELECT 1 FROM gold_mining g WHERE g.wallet_address = b.wallet_address)";
            return missing(c, "SELECT count(*) " + where,
                    "SELECT b.wallet_address " + where + " ORDER BY 1 LIMIT " + sample);
        });
    }

    /** Live wallets that the backup does not hold (a full restore leaves them untouched). */
    RestorePlan.Missing liveWalletsOutsideBackup(DbSession session, long backupId, int sample) {
        return Sql.call("live wallets outside backup", () -> {
            Connection c = session.connection();
            String where = "FROM gold_mining g WHERE NOT EXISTS (SELECT 1 FROM " + Partitions.of(backupId)
                    + " b WHERE b.wallet_address = g.wallet_address)";
            return missing(c, "SELECT count(*) " + where,
                    "SELECT g.wallet_address " + where + " ORDER BY 1 LIMIT " + sample);
        });
    }

    /**
     * Named wallets the backup does not hold; for an undo that deletes re-created wallets, not those it deletes
     * (they are in its {@code walletsToDelete} or {@code recreatedWalletsKept}).
     */
    List<String> targetsNotInBackup(DbSession session, RestoreScope s) {
        return Sql.call("targets not in backup", () -> {
            Connection c = session.connection();
            String recreated = s.deletesRecreated()
                    ? "AND NOT EXISTS (SELECT 1 FROM restore_recreated_wallets a WHERE a.backup_id = %d "
                            .formatted(s.backupId()) + "AND a.wallet_address = t.wallet_address)"
                    : "";
            return Sql.strings(c, """
                    SELECT t.wallet_address FROM restore_run_targets t
                    WHERE t.run_id = ? AND NOT EXISTS (SELECT 1 FROM %s b WHERE b.wallet_address = t.wallet_address)
                    %s
                    ORDER BY 1
                    """.formatted(s.table(), recreated), s.runId());
        });
    }

    /**
     * Restoring a safety snapshot: the wallets in scope that its restore re-created and that exist now, with and
     * without meks, and their live state for the fingerprint (each row's hash over its mining and player columns and
     * whether it owns meks, as count, sum and xor). One pass over the recorded wallets, an index probe each.
     */
    RecreatedWallets recreated(DbSession session, RestoreScope s, int sample) {
        return Sql.call("re-created wallets", () -> {
            Connection c = session.connection();
            String rows = """
                    WITH r AS (
                        SELECT a.wallet_address,
                               EXISTS (SELECT 1 FROM owned_meks o
                                       WHERE o.wallet_address = a.wallet_address) AS has_meks,
                               g.accumulated_gold, g.total_gold_per_hour, g.last_snapshot_time,
                               g.is_blockchain_verified, g.consecutive_snapshot_failures,
                               p.level, p.experience, p.bank_balance
                        FROM (SELECT a.* FROM %s) a
                        JOIN gold_mining g ON g.wallet_address = a.wallet_address
                        LEFT JOIN players p ON p.wallet_address = a.wallet_address
                    ), h AS (
                        SELECT r.*, hash_record_extended(ROW(wallet_address, has_meks, accumulated_gold,
                                   total_gold_per_hour, last_snapshot_time, is_blockchain_verified,
                                   consecutive_snapshot_failures, level, experience, bank_balance), 0) AS live_hash
                        FROM r
                    )
                    """
                    .formatted(s.recreatedRows());
            long without;
            long with;
            String state;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(rows + """
                    SELECT count(*) FILTER (WHERE NOT has_meks), count(*) FILTER (WHERE has_meks), count(*),
                           coalesce(sum(live_hash), 0), coalesce(bit_xor(live_hash), 0)
                    FROM h
                    """)) {
                rs.next();
                without = rs.getLong(1);
                with = rs.getLong(2);
                state = rs.getLong(3) + ":" + rs.getBigDecimal(4).toPlainString() + ":" + rs.getLong(5);
            }
            String first = "SELECT wallet_address FROM h WHERE %s has_meks ORDER BY 1 LIMIT " + sample;
            return new RecreatedWallets(
                    new RestorePlan.Missing(without,
                            without == 0 ? List.of() : Sql.strings(c, rows + first.formatted("NOT"))),
                    new RestorePlan.Missing(with, with == 0 ? List.of() : Sql.strings(c, rows + first.formatted(""))),
                    state);
        });
    }

    private static RestorePlan.Missing missing(Connection c, String countSql, String sampleSql) throws SQLException {
        long count;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(countSql)) {
            rs.next();
            count = rs.getLong(1);
        }
        return new RestorePlan.Missing(count, count == 0 ? List.of() : Sql.strings(c, sampleSql));
    }

    /** Counts and totals of a plan. */
    record PlanTotals(long inScope, long changing, double goldBefore, double goldAfter, double rateBefore,
            double rateAfter, String liveState) {
    }

    /** The listed diffs. */
    record Diffs(List<WalletDiff> listed) {
    }
}
