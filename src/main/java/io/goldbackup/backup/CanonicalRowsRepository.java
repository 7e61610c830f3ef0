package io.goldbackup.backup;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
        String union = ranges.stream().map(r -> {
            List<String> where = new ArrayList<>();
            if (r.after() != null) {
                where.add("wallet_address > " + literal(r.after()));
            }
            if (r.upTo() != null) {
                where.add("wallet_address <= " + literal(r.upTo()));
            }
            return "SELECT %d AS range_no, %s FROM %s WHERE %s".formatted(r.number(),
                    SnapshotRepository.CANONICAL_COLUMNS, table,
                    where.isEmpty() ? "true" : String.join(" AND ", where));
        }).collect(Collectors.joining(" UNION ALL "));
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                "COPY (SELECT * FROM (%s) r ORDER BY range_no, wallet_address) TO STDOUT".formatted(union));
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
