package io.goldbackup.drill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Sql;
import io.goldbackup.gamestate.GoldRule;

/**
 * The SQL of a drill's scratch tables: create them, restore a backup's rows into them, check them against the rows,
 * and find what a dead instance left. Native and set-based: a drill of a million wallets is a handful of statements
 * inside PostgreSQL, never rows pulled into Java. Table names come from {@link Scratch} (a drill's id) and
 * {@code io.goldbackup.db.Partitions}, never from input.
 */
@ApplicationScoped
class ScratchRepository {

    private final AgroalDataSource dataSource;

    ScratchRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Gives the off-site copy's rows their key (a copy with a wallet twice fails here) and statistics, so the restore
     * and the checks read them in address order, as they read a backup partition.
     */
    void keyRows(DbSession session, Scratch scratch) {
        Sql.run("indexing the copy's rows", () -> {
            try (Statement st = session.connection().createStatement()) {
                st.execute("ALTER TABLE %1$s ADD CONSTRAINT %1$s_pkey PRIMARY KEY (wallet_address)"
                        .formatted(scratch.rows()));
                st.execute("ANALYZE " + scratch.rows());
            }
        });
    }

    /**
     * Restores every wallet of {@code source} (a backup's rows) into new scratch copies of the game's
     * {@code gold_mining} and {@code players}, with the mapping a restore uses to re-create deleted wallets
     * (RestoreWriteRepository, {@code restoreDeleted}): gold is the backup's gold at backup time and accrues again from
     * {@code restoredAt}; the rate, last active time, level, experience and bank balance come back; what the backup
     * does not hold starts at the game's defaults (not verified, no snapshot failures). Then each table gets its key
     * (a wallet twice fails here, as it would in the game's keyed tables) and statistics.
     * <p>
     * CREATE TABLE AS rather than INSERT into keyed tables: the tables are new, so each key is built once from sorted
     * input, as a snapshot's is; and no columns of the game's are copied with {@code LIKE}, whose defaults may call the
     * game's sequences. In address order (the backup's rows are stored so, and read through their key), so that the
     * checks read all three tables in step. Utility statements take no bind
     * parameters: the time is formatted here (it comes from the clock, never from a client).
     *
     * @return the wallets restored
     */
    long restore(DbSession session, Scratch scratch, String source, Instant restoredAt) {
        String at = "'" + DateTimeFormatter.ISO_INSTANT.format(restoredAt) + "'::timestamptz";
        return Sql.call("restoring into the scratch tables", () -> {
            try (Statement st = session.connection().createStatement()) {
                long written = st.executeUpdate("""
                        CREATE TABLE %1$s AS
                        SELECT b.wallet_address, b.current_gold AS accumulated_gold,
                               b.gold_per_hour AS total_gold_per_hour, %3$s AS last_snapshot_time,
                               b.last_active_time, false AS is_blockchain_verified,
                               0 AS consecutive_snapshot_failures, %3$s AS created_at, %3$s AS updated_at
                        FROM %2$s b
                        ORDER BY b.wallet_address
                        """.formatted(scratch.mining(), source, at));
                st.execute("ALTER TABLE %1$s ADD CONSTRAINT %1$s_pkey PRIMARY KEY (wallet_address)"
                        .formatted(scratch.mining()));
                st.execute("""
                        CREATE TABLE %1$s AS
                        SELECT b.wallet_address, b.level, b.experience, b.bank_balance
                        FROM %2$s b WHERE b.level IS NOT NULL
                        ORDER BY b.wallet_address
                        """.formatted(scratch.players(), source));
                st.execute("ALTER TABLE %1$s ADD CONSTRAINT %1$s_pkey PRIMARY KEY (wallet_address)"
                        .formatted(scratch.players()));
                // Statistics for the checks' joins: a sample, a fraction of a second per million rows.
                st.execute("ANALYZE " + scratch.mining());
                st.execute("ANALYZE " + scratch.players());
                return written;
            }
        });
    }

    /**
     * Compares the restored wallets with {@code source} in one pass over the rows (each row joined to its restored
     * wallet and player, merge joins over the three keys in address order, in one process: hash joins would hold a
     * million restored wallets in memory, a few hundred MB, and a parallel plan would have each worker read all of
     * them): the rows with no restored wallet,
     * those whose restored fields differ from the row, the restored totals, and the game's gold rule evaluated on each
     * restored wallet as for a verified wallet in good standing (the case in which the restore time matters): at
     * {@code restoredAt} it must give the backup's gold, an hour later that plus one hour of the backup's rate.
     * Restored wallets that no row has are the restored count less the matched ones; only when there are any, one
     * more query names the first.
     */
    Comparison compare(DbSession session, Scratch scratch, String source, Instant restoredAt) {
        String differs = """
                (r.wallet_address IS NOT NULL AND (
                    r.accumulated_gold IS DISTINCT FROM b.current_gold
                    OR r.total_gold_per_hour IS DISTINCT FROM b.gold_per_hour
                    OR r.last_active_time IS DISTINCT FROM b.last_active_time
                    OR r.last_snapshot_time IS DISTINCT FROM r.at
                    OR r.level IS DISTINCT FROM b.level
                    OR r.experience IS DISTINCT FROM b.experience
                    OR r.bank_balance IS DISTINCT FROM b.bank_balance))""";
        String ruleOff = """
                (r.wallet_address IS NOT NULL AND (
                    r.gold_now IS DISTINCT FROM b.current_gold
                    OR r.gold_later IS DISTINCT FROM greatest(0::double precision, b.current_gold + b.gold_per_hour)))""";
        String sql = """
                SELECT count(*), count(r.wallet_address),
                       count(*) FILTER (WHERE r.wallet_address IS NULL),
                       count(*) FILTER (WHERE %1$s),
                       min(b.wallet_address) FILTER (WHERE r.wallet_address IS NULL OR %1$s),
                       coalesce(sum(r.gold_now), 0),
                       count(*) FILTER (WHERE %2$s),
                       min(b.wallet_address) FILTER (WHERE %2$s)
                FROM %3$s b LEFT JOIN (
                    SELECT g.wallet_address, g.accumulated_gold, g.total_gold_per_hour, g.last_snapshot_time,
                           g.last_active_time, g.at, p.level, p.experience, p.bank_balance,
                           %4$s AS gold_now, %5$s AS gold_later
                    FROM (SELECT m.wallet_address, m.accumulated_gold, m.total_gold_per_hour, m.last_snapshot_time,
                                 m.last_active_time, true AS is_blockchain_verified,
                                 0 AS consecutive_snapshot_failures, CAST(? AS timestamptz) AS at
                          FROM %6$s m) g
                    LEFT JOIN %7$s p ON p.wallet_address = g.wallet_address
                ) r ON r.wallet_address = b.wallet_address
                """.formatted(differs, ruleOff, source, GoldRule.currentGold("g", "g.at"),
                GoldRule.currentGold("g", "(g.at + interval '1 hour')"), scratch.mining(), scratch.players());
        return Sql.call("checking the restored wallets", () -> {
            Connection c = session.connection();
            long restored;
            double gold;
            double rate;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(accumulated_gold), 0), "
                            + "coalesce(sum(total_gold_per_hour), 0) FROM " + scratch.mining())) {
                rs.next();
                restored = rs.getLong(1);
                gold = rs.getDouble(2);
                rate = rs.getDouble(3);
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_hashjoin = off");
                st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(restoredAt));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long rows = rs.getLong(1);
                    long extra = restored - rs.getLong(2);
                    String first = rs.getString(5);
                    if (extra > 0) {
                        first = min(first, Sql.strings(c, """
                                SELECT min(m.wallet_address) FROM %s m
                                WHERE NOT EXISTS (SELECT 1 FROM %s b WHERE b.wallet_address = m.wallet_address)
                                """.formatted(scratch.mining(), source)).get(0));
                    }
                    return new Comparison(restored, rows, rs.getLong(3), extra, rs.getLong(4), first, gold, rate,
                            rs.getDouble(6), rs.getLong(7), rs.getString(8));
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL enable_hashjoin = on");
                    st.execute("SET LOCAL max_parallel_workers_per_gather TO DEFAULT");
                }
            }
        });
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    /** The {@code limit} restored wallets with the most gold, in the order a backup's details list its top users. */
    List<TopWallet> top(DbSession session, Scratch scratch, int limit) {
        return Sql.call("reading the restored top wallets", () -> {
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    SELECT g.wallet_address, g.accumulated_gold, g.total_gold_per_hour, p.level
                    FROM %s g LEFT JOIN %s p ON p.wallet_address = g.wallet_address
                    ORDER BY g.accumulated_gold DESC, g.wallet_address LIMIT ?
                    """.formatted(scratch.mining(), scratch.players()))) {
                ps.setInt(1, limit);
                List<TopWallet> top = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        top.add(new TopWallet(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                                (Integer) rs.getObject(4)));
                    }
                }
                return top;
            }
        });
    }

    /**
     * Drills that have scratch tables in the service's schema. A drill's tables are created in a transaction that is
     * never committed, so only a committed leftover (none in normal operation) is seen here.
     */
    List<Long> withScratchTables() {
        return Sql.call("finding scratch tables", () -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.strings(c, """
                        SELECT DISTINCT substring(c.relname from ?)
                        FROM pg_class c
                        WHERE c.relkind = 'r' AND c.relname ~ ?
                          AND c.relnamespace = (SELECT d.relnamespace FROM pg_class d WHERE d.oid = 'drills'::regclass)
                        ORDER BY 1
                        """, Scratch.CATALOG_PATTERN, Scratch.CATALOG_PATTERN).stream().map(Long::valueOf).sorted()
                        .toList();
            }
        });
    }

    /** Drops whatever scratch tables drill {@code drillId} has. */
    void drop(DbSession session, Scratch scratch) {
        Sql.run("dropping the scratch tables of drill " + scratch.drillId(), () -> {
            try (Statement st = session.connection().createStatement()) {
                st.execute("DROP TABLE IF EXISTS %s, %s, %s".formatted(scratch.mining(), scratch.players(),
                        scratch.rows()));
            }
        });
    }

    /**
     * The restored wallets against their source rows.
     *
     * @param restored wallets in the scratch table
     * @param sourceRows rows of the backup (or copy) restored from
     * @param missing rows no wallet was restored for
     * @param extra restored wallets no row has
     * @param differing wallets whose restored fields differ from their row
     * @param firstDifference the first address (byte order) missing, extra or differing; null when none
     * @param restoredGold the sum of the restored gold
     * @param restoredRate the sum of the restored gold per hour
     * @param ruleGold the sum of the gold rule at the restore time
     * @param ruleOff wallets for which the gold rule does not give the backup's figures
     * @param firstRuleOff the first such address; null when none
     */
    record Comparison(long restored, long sourceRows, long missing, long extra, long differing,
            String firstDifference, double restoredGold, double restoredRate, double ruleGold, long ruleOff,
            String firstRuleOff) {
    }

    /** A restored wallet among those with the most gold. */
    record TopWallet(String walletAddress, double gold, double goldPerHour, Integer level) {
    }
}
