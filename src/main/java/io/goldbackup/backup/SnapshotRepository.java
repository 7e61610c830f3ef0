package io.goldbackup.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.goldbackup.db.DbSession;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;
import io.goldbackup.gamestate.GoldRule;
import io.goldbackup.gamestate.LiveTablesRepository;

/**
 * The SQL that writes and reads a backup's wallet rows: all of it set-based and native, because a snapshot of a
 * million wallets is a handful of statements inside PostgreSQL, never a loop in Java.
 * <p>
 * A backup's rows are loaded into a standalone table {@code gold_backup_wallets_<id>} and attached as a partition
 * of {@code gold_backup_wallets} at the end: creating a partition directly takes an ACCESS EXCLUSIVE lock on the
 * parent for the whole snapshot, which would stop every reader of every other backup.
 */
@ApplicationScoped
public class SnapshotRepository {

    private final LiveTablesRepository liveTables;

    SnapshotRepository(LiveTablesRepository liveTables) {
        this.liveTables = liveTables;
    }

    /**
     * The version of the row format and of the canonical serialization behind the checksum: 2 since checksums are hash
     * trees over ranges of wallets ({@link RowDigest}); a backup keeps the version it was taken with.
     */
    static final int SNAPSHOT_VERSION = RowDigest.TREE;

    /**
     * The canonical serialization: these columns in this order, one line per wallet in byte order of the address,
     * as PostgreSQL's COPY text format writes them with TimeZone UTC, DateStyle ISO and shortest-exact floats.
     * Anyone can recompute a checksum with psql (see the README).
     */
    static final String CANONICAL_COLUMNS = "wallet_address, current_gold, gold_per_hour, accumulated_gold, "
            + "last_snapshot_time, total_gold_per_hour, mek_count, last_active_time, top_mek_gold_rate, "
            + "top_mek_asset_id, total_mek_gold_rate, level, experience, bank_balance";

    /** The live tables a snapshot reads, in the order it locks them. */
    static final String LIVE_TABLES = "gold_mining, owned_meks and players";

    /**
     * Takes the snapshot's locks on the live tables first, each as the copy would (ACCESS SHARE: the game's reads and
     * writes go on), so that a wait for them (behind a migration's ACCESS EXCLUSIVE) is bounded by the transaction's
     * lock timeout here, not in the middle of the copy.
     */
    void lockLiveTables(DbSession session) {
        Sql.run("locking the live tables", () -> {
            try (Statement st = session.connection().createStatement()) {
                st.execute("LOCK TABLE gold_mining, owned_meks, players IN ACCESS SHARE MODE");
            }
        });
    }

    /**
     * Copies every live wallet into the standalone table of backup {@code id}, as the wallet stood at {@code asOf}.
     * One statement, so one consistent view of the three live tables. CREATE TABLE AS rather than INSERT ... SELECT:
     * PostgreSQL runs the read side of CREATE TABLE AS in parallel workers, INSERT ... SELECT in one process only.
     * The top mek is found in the same hash aggregate as the counts: its rate's IEEE bits in hex (ordered like the
     * rate, which is never negative) followed by its asset id, maximised as text; ties go to the greatest asset id.
     * Rows are written in address order (a parallel sort), so the key index builds from sorted input and the
     * checksum reads the table in order through it instead of sorting again.
     * Utility statements take no bind parameters, so id and time are formatted here; neither comes from a client.
     *
     * @return the number of wallets copied
     */
    long copyLiveWallets(DbSession session, long id, Instant asOf, SnapshotScope scope) {
        return Sql.call("copy live wallets", () -> {
            Connection c = session.connection();
            String asOfLiteral = "'" + DateTimeFormatter.ISO_INSTANT.format(asOf) + "'::timestamptz";
            String sql = """
                    CREATE TABLE %1$s AS
                    SELECT %2$d::bigint AS backup_id,
                           g.wallet_address,
                           %3$s AS current_gold,
                           g.total_gold_per_hour AS gold_per_hour,
                           g.accumulated_gold,
                           g.last_snapshot_time,
                           g.total_gold_per_hour,
                           coalesce(m.mek_count, 0)::integer AS mek_count,
                           g.last_active_time,
                           m.top_mek_gold_rate,
                           substr(m.top_key, 17) AS top_mek_asset_id,
                           coalesce(m.total_mek_gold_rate, 0::double precision) AS total_mek_gold_rate,
                           p.level,
                           p.experience,
                           p.bank_balance
                    FROM gold_mining g
                    LEFT JOIN (
                        SELECT o.wallet_address,
                               count(*) AS mek_count,
                               sum(o.gold_per_hour) AS total_mek_gold_rate,
                               max(o.gold_per_hour) AS top_mek_gold_rate,
                               max((encode(float8send(o.gold_per_hour + 0.0::double precision), 'hex') || o.asset_id)
                                   COLLATE "C") AS top_key
                        FROM owned_meks o
                        WHERE %4$s
                        GROUP BY o.wallet_address
                    ) m ON m.wallet_address = g.wallet_address
                    LEFT JOIN players p ON p.wallet_address = g.wallet_address
                    WHERE %5$s
                    ORDER BY g.wallet_address
                    """.formatted(Partitions.of(id), id, GoldRule.currentGold("g", asOfLiteral),
                    scope.onMeks("o.wallet_address"), scope.on("g"));
            try (Statement st = c.createStatement()) {
                String plan = scope.readsAllMeks()
                        ? (liveTables.inAddressOrder(session, "owned_meks") ? IN_WALLET_ORDER : "")
                        : "SET LOCAL enable_seqscan = off";
                if (!plan.isEmpty()) {
                    st.execute(plan);
                }
                long copied = st.executeUpdate(sql);
                if (!plan.isEmpty()) {
                    st.execute(PLANNER_DEFAULTS);
                }
                return copied;
            }
        });
    }

    /**
     * The copy of every wallet (a backup, or the safety snapshot of a restore of most wallets) as one stream in address
     * order: the meks grouped as a parallel scan of their key reads them, merged with the wallets and players read
     * through theirs. No hash table of a million groups and no sort of a million wide rows: 7 s instead of 11 s for a
     * million wallets with eight meks each on two cores. Only where the meks lie in wallet order on disk
     * ({@link LiveTablesRepository#inAddressOrder}; a table that does not pays a random read per mek, and PostgreSQL's hash aggregate and sort
     * stay).
     */
    private static final String IN_WALLET_ORDER = "SET LOCAL enable_hashagg = off; SET LOCAL enable_hashjoin = off; "
            + "SET LOCAL enable_sort = off; SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0.001";

    /** The planner settings {@link #IN_WALLET_ORDER} and a restore's copy by index change, back to the session's. */
    private static final String PLANNER_DEFAULTS = "SET LOCAL enable_hashagg TO DEFAULT; "
            + "SET LOCAL enable_hashjoin TO DEFAULT; SET LOCAL enable_sort TO DEFAULT; "
            + "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL parallel_setup_cost TO DEFAULT; "
            + "SET LOCAL parallel_tuple_cost TO DEFAULT";

    /**
     * Gives the loaded table the parent's constraints and key, so that ATTACH PARTITION needs neither a scan (the
     * CHECK implies the partition bound) nor an index build (the key index is adopted).
     */
    void prepareForAttach(DbSession session, long id) {
        Sql.run("prepare for attach", () -> {
            Connection c = session.connection();
            String table = Partitions.of(id);
            try (Statement st = c.createStatement()) {
                // One ALTER TABLE: PostgreSQL verifies all of it in a single pass over the rows.
                st.execute("""
                        ALTER TABLE %1$s
                            ALTER COLUMN backup_id SET NOT NULL,
                            ALTER COLUMN wallet_address SET NOT NULL,
                            ALTER COLUMN current_gold SET NOT NULL,
                            ALTER COLUMN gold_per_hour SET NOT NULL,
                            ALTER COLUMN mek_count SET NOT NULL,
                            ADD CONSTRAINT %1$s_backup_id_check CHECK (backup_id = %2$d)
                        """.formatted(table, id));
                st.execute("CREATE UNIQUE INDEX %1$s_pkey ON %1$s (wallet_address, backup_id)".formatted(table));
                st.execute(
                        "ALTER TABLE %1$s ADD CONSTRAINT %1$s_pkey PRIMARY KEY USING INDEX %1$s_pkey".formatted(table));
                // Statistics now (a sample, ~0.1 s per million rows), not whenever autovacuum comes by: restore plans
                // join this table to the live ones, and without statistics PostgreSQL guesses 200 rows.
                st.execute("ANALYZE " + table);
            }
        });
    }

    /** Attaches the loaded table; takes SHARE UPDATE EXCLUSIVE on the parent, which readers do not wait for. */
    void attach(DbSession session, long id) {
        Sql.run("attach", () -> {
            Connection c = session.connection();
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE gold_backup_wallets ATTACH PARTITION %s FOR VALUES IN (%d)"
                        .formatted(Partitions.of(id), id));
            }
        });
    }

    /** Bytes the backup's rows and index take on disk, as PostgreSQL measures them. */
    long sizeBytes(DbSession session, long id) {
        return Sql.call("size bytes", () -> {
            Connection c = session.connection();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_total_relation_size(to_regclass(?))")) {
                ps.setString(1, Partitions.of(id));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * The checksum of snapshot version {@code version} over backup {@code id}'s rows ({@link RowDigest}), streamed from
     * PostgreSQL with COPY: the JVM holds one row at a time, whatever the size of the backup. Reads the standalone table
     * while a backup is being taken, and the parent (pruned to one partition) afterwards.
     *
     * @param attached whether the rows are read through the partitioned parent
     */
    RowDigest.Result checksum(DbSession session, long id, boolean attached, int version) {
        return Sql.call("checksum", () -> {
            Connection c = session.connection();
            if (!attached) {
                // The new table is in address order and has no statistics yet: read it through its index.
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL enable_sort = off");
                }
            }
            // A new backup stores its ranges with their last addresses; a verification compares digests only.
            RowDigest.Result digest = attached
                    ? CanonicalRowsRepository.hash(c, "gold_backup_wallets WHERE backup_id = " + id,
                            RowDigest.digestsOnly(version))
                    : CanonicalRowsRepository.hash(c, Partitions.of(id), RowDigest.of(version));
            if (!attached) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL enable_sort = on");
                }
            }
            return digest;
        });
    }

    /**
     * Streams backup {@code id}'s rows in the canonical serialization (the text its checksum covers) into {@code sink},
     * answering their checksum of snapshot version {@code version}, computed on the way, and the number of rows: an
     * off-site copy is exactly this text. COPY streams from PostgreSQL; the JVM holds
     * one row at a time.
     */
    RowDigest.Result streamCanonical(DbSession session, long id, int version, OutputStream sink) {
        return Sql.call("streaming backup " + id, () -> {
            RowDigest digest = RowDigest.of(version);
            CopyOut copy = session.connection().unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT %s FROM gold_backup_wallets WHERE backup_id = %d ORDER BY wallet_address) TO STDOUT"
                            .formatted(CANONICAL_COLUMNS, id));
            try {
                byte[] row;
                while ((row = copy.readFromCopy()) != null) {
                    sink.write(row);
                    digest.accept(row);
                }
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException("writing backup " + id + " to its copy failed: " + e.getMessage(), e);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            return digest.finish();
        });
    }

    /**
     * Creates the standalone table of imported backup {@code id} and loads the canonical text from {@code source}
     * into it with COPY FROM (streamed: the JVM holds one buffer); answers the rows loaded. The caller then gives it
     * constraints and key ({@link #prepareForAttach}) and attaches it, as a snapshot does.
     */
    long loadCanonical(DbSession session, long id, InputStream source) {
        return Sql.call("loading imported backup " + id, () -> {
            try (Statement st = session.connection().createStatement()) {
                st.execute(
                        "CREATE TABLE %1$s (LIKE gold_backup_wallets INCLUDING DEFAULTS)".formatted(Partitions.of(id)));
                st.execute("ALTER TABLE %1$s ALTER COLUMN backup_id SET DEFAULT %2$d".formatted(Partitions.of(id), id));
            }
            try {
                return session.connection().unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY %s (%s) FROM STDIN".formatted(Partitions.of(id), CANONICAL_COLUMNS), source);
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException("reading the copy failed: " + e.getMessage(), "58030", e);
            }
        });
    }

}
