package io.goldbackup.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.DbSession;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;

/**
 * The ranges of a version-2 backup's hash tree ({@link RowDigest}), kept in {@code gold_backup_ranges} beside the
 * backup, and the re-hash of some of them. Native: written in the snapshot's (or import's) own transaction, as one
 * statement over arrays; read in the transaction of the check that uses them.
 */
@ApplicationScoped
public class BackupRangeRepository {

    /** Stores the ranges of backup {@code id}, in the caller's transaction; one statement whatever their number. */
    void save(DbSession session, long id, List<RowDigest.Range> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        Sql.run("storing the checksum's ranges", () -> {
            Connection c = session.connection();
            int n = ranges.size();
            Integer[] numbers = new Integer[n];
            String[] lasts = new String[n];
            Integer[] wallets = new Integer[n];
            byte[][] digests = new byte[n][];
            for (int i = 0; i < n; i++) {
                RowDigest.Range r = ranges.get(i);
                numbers[i] = r.number();
                lasts[i] = r.lastAddress();
                wallets[i] = r.wallets();
                digests[i] = r.sha256();
            }
            Array numberArray = c.createArrayOf("int4", numbers);
            Array lastArray = c.createArrayOf("text", lasts);
            Array walletArray = c.createArrayOf("int4", wallets);
            Array digestArray = c.createArrayOf("bytea", digests);
            try (PreparedStatement ps = c.prepareStatement(
                    """
                            INSERT INTO gold_backup_ranges (backup_id, range_no, last_address, wallets, sha256)
                            SELECT ?, r.n, r.last, r.w, r.d FROM unnest(?::int4[], ?::text[], ?::int4[], ?::bytea[]) AS r(n, last, w, d)
                            """)) {
                ps.setLong(1, id);
                ps.setArray(2, numberArray);
                ps.setArray(3, lastArray);
                ps.setArray(4, walletArray);
                ps.setArray(5, digestArray);
                ps.executeUpdate();
            }
        });
    }

    /** The stored ranges of backup {@code id}, in order; empty for a version-1 backup. */
    List<RowDigest.Range> read(DbSession session, long id) {
        return Sql.call("reading the checksum's ranges", () -> {
            List<RowDigest.Range> ranges = new ArrayList<>();
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    SELECT range_no, last_address, wallets, sha256 FROM gold_backup_ranges
                    WHERE backup_id = ? ORDER BY range_no
                    """)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ranges.add(new RowDigest.Range(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getBytes(4)));
                    }
                }
            }
            return ranges;
        });
    }

    /**
     * What the rows of backup {@code id} in the given ranges hash to now (one COPY of those ranges only); a range
     * without rows is absent from the answer. The caller's transaction must have {@link DbSession#useCanonicalText()}.
     */
    Map<Integer, CanonicalRowsRepository.Rehashed> rehash(DbSession session, long id,
            List<CanonicalRowsRepository.Bounds> ranges) {
        return Sql.call("re-hashing ranges of backup " + id, () -> {
            // A few thousand rows through index range scans: parallel workers cost more to start than they save.
            try (java.sql.Statement st = session.connection().createStatement()) {
                st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
            return CanonicalRowsRepository.hashRanges(session.connection(), Partitions.of(id), ranges);
        });
    }
}
