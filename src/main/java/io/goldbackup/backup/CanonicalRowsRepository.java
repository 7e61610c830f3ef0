package io.goldbackup.backup;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.goldbackup.db.DbSession;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;

/**
 * A backup's canonical text (what its checksum covers) in a table of the caller's rather than in a backup partition:
 * an off-site restore drill loads a copy into a scratch table with this and hashes it as a verification would. Native:
 * COPY streams both ways, the JVM holds one buffer or one row.
 */
@ApplicationScoped
public class CanonicalRowsRepository {

    /** Table names are made by the service (a drill's id), never taken from a client; checked all the same. */
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /**
     * Creates {@code table} with the columns of a backup's rows ({@code backup_id} defaulting to {@code backupId}) and
     * loads the canonical text from {@code source} into it with COPY FROM; answers the rows loaded. No index: the
     * caller adds what its queries need.
     */
    public long load(DbSession session, String table, long backupId, InputStream source) {
        String name = checked(table);
        return Sql.call("loading backup rows into " + name, () -> {
            try (Statement st = session.connection().createStatement()) {
                st.execute("CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS)".formatted(name, Partitions.PARENT));
                st.execute("ALTER TABLE %s ALTER COLUMN backup_id SET DEFAULT %d".formatted(name, backupId));
            }
            try {
                return session.connection().unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY %s (%s) FROM STDIN".formatted(name, SnapshotRepository.CANONICAL_COLUMNS), source);
            } catch (IOException e) {
                throw new SQLException("reading the rows failed: " + e.getMessage(), "58030", e);
            }
        });
    }

    /**
     * The checksum of snapshot version {@code version} over the canonical text of the rows in {@code table}, in address
     * order, exactly as a backup's checksum is computed (the caller's transaction must have
     * {@link DbSession#useCanonicalText()}); with the row count and, for version 2, the ranges.
     */
    public RowDigest.Result checksum(DbSession session, String table, int version) {
        String name = checked(table);
        return Sql.call("checksum of " + name, () -> hash(session.connection(), name, RowDigest.digestsOnly(version)));
    }

    /**
     * The checksum {@code digest} computes over the canonical text of the rows {@code source} (a table, or a table and
     * a WHERE clause) holds, in address order, streamed with COPY one row at a time: the one computation
     * behind every checksum, a backup's and a copy's.
     */
    static RowDigest.Result hash(Connection c, String source, RowDigest digest) throws SQLException {
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                "COPY (SELECT %s FROM %s ORDER BY wallet_address) TO STDOUT"
                        .formatted(SnapshotRepository.CANONICAL_COLUMNS, source));
        try {
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                digest.accept(row);
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return digest.finish();
    }

    /**
     * Re-hashes the given ranges of a version-2 backup's rows in {@code table}: one COPY over all of them, each range
     * an index range scan, so the cost follows the ranges asked for, not the size of the backup. Answers each range's
     * rows and SHA-256 over their canonical text (a range with no rows is absent). The bounds come from the stored
     * ranges (the database's own text), quoted here as literals because COPY takes no parameters.
     */
    static Map<Integer, Rehashed> hashRanges(Connection c, String table, List<Bounds> ranges) throws SQLException {
        if (ranges.isEmpty()) {
            return Map.of();
        }
        // One plan for every range: a nested loop over the ranges' bounds, each an index range scan of 64 rows. A
        // UNION ALL of a hundred branches cost PostgreSQL 10 ms to plan and a parallel sort to run; JIT compiling
        // (the estimate of a hundred scans passes its threshold) another 30 ms: for a few thousand rows, never worth it.
        // The last range has no upper bound: up to the table's greatest address, so that both bounds stay index
        // conditions; the first has no lower one. OFFSET 0 keeps the scan of the rows inside the loop over the ranges
        // (flattened, PostgreSQL may scan every row in parallel and probe the ranges for each). The rows come range by
        // range in the order of the array (sorted), each range's in address order (its own ORDER BY): an outer ORDER BY
        // would sort them again, 10 ms for the 6,400 wide rows of 100 ranges. That the ranges come one after the other
        // is checked as they stream past: a range seen twice fails the check instead of hashing part of its rows.
        String numbers = ranges.stream().map(r -> Integer.toString(r.number())).collect(Collectors.joining(","));
        String after = ranges.stream().map(r -> r.after() == null ? "NULL" : literal(r.after()))
                .collect(Collectors.joining(","));
        String upTo = ranges.stream().map(r -> r.upTo() == null ? "NULL" : literal(r.upTo()))
                .collect(Collectors.joining(","));
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL jit = off");
        }
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                COPY (SELECT r.n, %1$s
                      FROM unnest(ARRAY[%2$s]::int[], ARRAY[%3$s]::text[], ARRAY[%4$s]::text[]) AS r(n, above, up_to)
                      CROSS JOIN LATERAL (
                          SELECT %1$s FROM %5$s b
                          WHERE b.wallet_address >= coalesce(r.above, '')
                            AND b.wallet_address <= coalesce(r.up_to, (SELECT max(m.wallet_address) FROM %5$s m))
                            AND b.wallet_address IS DISTINCT FROM r.above
                          ORDER BY b.wallet_address OFFSET 0
                      ) b) TO STDOUT
                """.formatted(SnapshotRepository.CANONICAL_COLUMNS, numbers, after, upTo, table));
        Map<Integer, Rehashed> out = new HashMap<>();
        try {
            MessageDigest digest = RowDigest.sha256();
            int current = -1;
            int rows = 0;
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                int tab = 0;
                int number = 0;
                while (row[tab] != '\t') {
                    number = number * 10 + (row[tab++] - '0');
                }
                if (number != current) {
                    if (current >= 0) {
                        out.put(current, new Rehashed(rows, digest.digest()));
                    }
                    if (out.containsKey(number)) {
                        throw new IllegalStateException("range " + number + " came back after range " + current
                                + ": PostgreSQL did not keep the ranges' order");
                    }
                    current = number;
                    rows = 0;
                }
                digest.update(row, tab + 1, row.length - tab - 1);
                rows++;
            }
            if (current >= 0) {
                out.put(current, new Rehashed(rows, digest.digest()));
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return out;
    }

    /** A range to re-hash: the addresses after {@code after} (null: from the first) up to {@code upTo} (null: all). */
    record Bounds(int number, String after, String upTo) {
    }

    /** What a range's rows hash to now. */
    record Rehashed(int rows, byte[] sha256) {
    }

    /** A string literal that means exactly {@code text}, whatever standard_conforming_strings says. */
    static String literal(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String checked(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name of the service's: " + table);
        }
        return table;
    }
}
