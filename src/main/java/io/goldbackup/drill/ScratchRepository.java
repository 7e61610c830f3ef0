package io.goldbackup.drill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
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
     * Creates the scratch copies of the game's {@code gold_mining} and {@code players}: the columns a restore writes
     * and the gold rule reads, with the game's types, keys and defaults. Not {@code LIKE} the game's tables: their
     * defaults may call the game's sequences, which a drill must not advance.
     */
    void create(DbSession session, Scratch scratch) {
        Sql.run("creating the drill's scratch tables", () -> {
            try (Statement st = session.connection().createStatement()) {
                st.execute("""
                        CREATE TABLE %s (
                            wallet_address                text COLLATE "C" PRIMARY KEY,
                            accumulated_gold              double precision NOT NULL DEFAULT 0,
                            total_gold_per_hour           double precision NOT NULL DEFAULT 0,
                            last_snapshot_time            timestamptz,
                            last_active_time              timestamptz,
                            is_blockchain_verified        boolean NOT NULL DEFAULT false,
                            consecutive_snapshot_failures integer NOT NULL DEFAULT 0,
                            created_at                    timestamptz NOT NULL DEFAULT now(),
                            updated_at                    timestamptz NOT NULL DEFAULT now())
                        """.formatted(scratch.mining()));
                st.execute("""
                        CREATE TABLE %s (
                            wallet_address text COLLATE "C" PRIMARY KEY,
                            level          integer,
                            experience     bigint,
                            bank_balance   double precision)
                        """.formatted(scratch.players()));
            }
        });
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
     * Restores every wallet of {@code source} (a backup's rows) into the scratch tables with the statements a restore
     * uses to re-create deleted wallets (RestoreWriteRepository, {@code restoreDeleted}): gold is the backup's gold
     * at backup time and accrues again from {@code restoredAt}; the rate, last active time, level, experience and
     * bank balance come back; what the backup does not hold starts at the game's defaults. One statement per table:
     * the scratch tables have no other writer, so the steps and progress of a live restore buy nothing here.
     *
     * @return the wallets restored
     */
    long restore(DbSession session, Scratch scratch, String source, Instant restoredAt) {
        return Sql.call("restoring into the scratch tables", () -> {
            Connection c = session.connection();
            Timestamp at = Timestamp.from(restoredAt);
            long written;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO %s (wallet_address, accumulated_gold, total_gold_per_hour, last_snapshot_time,
                                    last_active_time, created_at, updated_at)
                    SELECT b.wallet_address, b.current_gold, b.gold_per_hour, ?, b.last_active_time, ?, ?
                    FROM %s b
                    """.formatted(scratch.mining(), source))) {
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, at);
                written = ps.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("""
                        INSERT INTO %s (wallet_address, level, experience, bank_balance)
                        SELECT b.wallet_address, b.level, b.experience, b.bank_balance
                        FROM %s b WHERE b.level IS NOT NULL
                        """.formatted(scratch.players(), source));
                // Statistics for the checks' joins: a sample, a fraction of a second per million rows.
                st.execute("ANALYZE " + scratch.mining());
                st.execute("ANALYZE " + scratch.players());
            }
            return written;
        });
    }

    /**
     * Compares the restored wallets with {@code source} in one pass (a full join in address order): the wallets on
     * either side only, those whose restored fields differ from the row, the restored totals, and the game's gold
     * rule evaluated on each restored wallet as for a verified wallet in good standing (the case in which the restore
     * time matters): at {@code restoredAt} it must give the backup's gold, an hour later that plus one hour of the
     * backup's rate.
     */
    Comparison compare(DbSession session, Scratch scratch, String source, Instant restoredAt) {
        String differs = """
                (b.wallet_address IS NOT NULL AND r.wallet_address IS NOT NULL AND (
                    r.accumulated_gold IS DISTINCT FROM b.current_gold
                    OR r.total_gold_per_hour IS DISTINCT FROM b.gold_per_hour
                    OR r.last_active_time IS DISTINCT FROM b.last_active_time
                    OR r.last_snapshot_time IS DISTINCT FROM t.at
                    OR r.level IS DISTINCT FROM b.level
                    OR r.experience IS DISTINCT FROM b.experience
                    OR r.bank_balance IS DISTINCT FROM b.bank_balance))""";
        String ruleOff = """
                (b.wallet_address IS NOT NULL AND r.wallet_address IS NOT NULL AND (
                    r.gold_now IS DISTINCT FROM b.current_gold
                    OR r.gold_later IS DISTINCT FROM greatest(0::double precision, b.current_gold + b.gold_per_hour)))""";
        String sql = """
                WITH t AS (SELECT CAST(? AS timestamptz) AS at)
                SELECT count(r.wallet_address), count(b.wallet_address),
                       count(*) FILTER (WHERE r.wallet_address IS NULL),
                       count(*) FILTER (WHERE b.wallet_address IS NULL),
                       count(*) FILTER (WHERE %1$s),
                       min(coalesce(b.wallet_address, r.wallet_address))
                           FILTER (WHERE r.wallet_address IS NULL OR b.wallet_address IS NULL OR %1$s),
                       coalesce(sum(r.accumulated_gold), 0), coalesce(sum(r.total_gold_per_hour), 0),
                       coalesce(sum(r.gold_now), 0),
                       count(*) FILTER (WHERE %2$s),
                       min(b.wallet_address) FILTER (WHERE %2$s)
                FROM t CROSS JOIN (%3$s b FULL JOIN (
                    SELECT g.wallet_address, g.accumulated_gold, g.total_gold_per_hour, g.last_snapshot_time,
                           g.last_active_time, p.level, p.experience, p.bank_balance,
                           %4$s AS gold_now, %5$s AS gold_later
                    FROM (SELECT m.wallet_address, m.accumulated_gold, m.total_gold_per_hour, m.last_snapshot_time,
                                 m.last_active_time, true AS is_blockchain_verified,
                                 0 AS consecutive_snapshot_failures
                          FROM %6$s m) g
                    CROSS JOIN t
                    LEFT JOIN %7$s p ON p.wallet_address = g.wallet_address
                ) r ON r.wallet_address = b.wallet_address)
                """.formatted(differs, ruleOff, source, GoldRule.currentGold("g", "t.at"),
                GoldRule.currentGold("g", "(t.at + interval '1 hour')"), scratch.mining(), scratch.players());
        return Sql.call("checking the restored wallets", () -> {
            try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(restoredAt));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Comparison(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getLong(10),
                            rs.getString(11));
                }
            }
        });
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
