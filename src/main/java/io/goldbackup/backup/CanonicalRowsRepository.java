package io.goldbackup.backup;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;

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
     * SHA-256 over the canonical text of the rows in {@code table}, in address order, exactly as a backup's checksum
     * is computed (the caller's transaction must have {@link DbSession#useCanonicalText()}); and the row count.
     */
    public Digest checksum(DbSession session, String table) {
        String name = checked(table);
        return Sql.call("checksum of " + name, () -> hash(session.connection(), name));
    }

    /**
     * SHA-256 over the canonical text of the rows {@code source} (a table, or a table and a WHERE clause) holds, in
     * address order, streamed with COPY one row at a time: the one computation behind every checksum, a backup's and a
     * copy's.
     */
    static Digest hash(Connection c, String source) throws SQLException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                "COPY (SELECT %s FROM %s ORDER BY wallet_address) TO STDOUT"
                        .formatted(SnapshotRepository.CANONICAL_COLUMNS, source));
        long rows = 0;
        try {
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                digest.update(row);
                rows++;
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return new Digest(HexFormat.of().formatHex(digest.digest()), rows);
    }

    /** A SHA-256 (hex) and the number of rows it covers. */
    public record Digest(String sha256, long rows) {
    }

    private static String checked(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name of the service's: " + table);
        }
        return table;
    }
}
