package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
            // In statements of 1,000 ranges: the arrays of all 15,625 of a million wallets at once were the one
            // allocation of several megabytes that broke the 128 MB heap of the benchmark.
            try (PreparedStatement ps = c.prepareStatement(
                    """
                            INSERT INTO gold_backup_ranges (backup_id, range_no, last_address, wallets, sha256)
                            SELECT ?, r.n, r.last, r.w, r.d FROM unnest(?::int4[], ?::text[], ?::int4[], ?::bytea[]) AS r(n, last, w, d)
                            """)) {
                for (int from = 0; from < n; from += 1_000) {
                    List<RowDigest.Range> part = ranges.subList(from, Math.min(n, from + 1_000));
                    ps.setLong(1, id);
                    ps.setArray(2, c.createArrayOf("int4", part.stream().map(RowDigest.Range::number).toArray()));
                    ps.setArray(3, c.createArrayOf("text", part.stream().map(RowDigest.Range::lastAddress).toArray()));
                    ps.setArray(4, c.createArrayOf("int4", part.stream().map(RowDigest.Range::wallets).toArray()));
                    ps.setArray(5, c.createArrayOf("bytea", part.stream().map(RowDigest.Range::sha256)
                            .toArray(byte[][]::new)));
                    ps.executeUpdate();
                }
            }
            // Statistics now for a large backup, not whenever autovacuum comes by: with the table's old ones the new
            // backup holds no ranges, and the range lookup of a restore of named wallets is planned as a scan of them
            // all, once per wallet (0.3 s instead of 1 ms at a million wallets). A sample of the table, about 60 ms:
            // not for a small backup (a restore's safety snapshot of a few wallets), whose few ranges plan alike.
            if (n >= 1_000) {
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE gold_backup_ranges");
                }
            }
        });
    }

    /**
     * What the stored ranges of backup {@code id} add up to, computed inside PostgreSQL in one statement: the checksum
     * over their digests (the same text as {@link RowDigest#root}: each digest in lower-case hex and a newline), how
     * many there are, the wallets they hold, and whether they are numbered 0..n-1 (the key makes numbers unique). About
     * 15 ms for the 15,625 ranges of a million wallets; streaming them into the JVM took three times as long.
     */
    Summary summary(DbSession session, long id) {
        return Sql.call("reading the checksum's ranges", () -> {
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    SELECT encode(sha256(convert_to(coalesce(string_agg(encode(sha256, 'hex') || E'\\n', ''
                                                                        ORDER BY range_no), ''), 'UTF8')), 'hex'),
                           count(*), coalesce(sum(wallets), 0), coalesce(min(range_no), 0), coalesce(max(range_no), -1)
                    FROM gold_backup_ranges WHERE backup_id = ?
                    """)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int ranges = rs.getInt(2);
                    return new Summary(rs.getString(1), ranges, rs.getLong(3),
                            rs.getInt(4) == 0 && rs.getInt(5) == ranges - 1);
                }
            }
        });
    }

    /**
     * What the stored ranges add up to.
     *
     * @param root the checksum over their digests
     * @param ranges how many
     * @param wallets the wallets they hold together
     * @param numbered whether they are numbered 0 to ranges-1
     */
    record Summary(String root, int ranges, long wallets, boolean numbered) {
    }

    /**
     * The stored ranges of backup {@code id} that hold {@code addresses}, each once, in order, with their bounds: the
     * first range whose last address is at or after the address, or the last range (a wallet the backup does not hold
     * falls in the range that would hold it). An index probe per address (the row comparison can only be served by
     * (backup_id, last_address)), then the ranges found and the ones before them by key: about a millisecond for 100.
     */
    List<RangeCheck.Stored> holding(DbSession session, long id, Collection<String> addresses) {
        return Sql.call("finding the ranges of the named wallets", () -> {
            Connection c = session.connection();
            // First the numbers of the ranges, then those ranges and the ones before them by key: two plain index
            // reads, whatever the statistics of ranges inserted since the table's last ANALYZE say (a join of the
            // two made PostgreSQL scan the backup's 15,625 ranges once per wallet: 0.3 s).
            TreeSet<Integer> numbers = new TreeSet<>();
            int last = -1;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT coalesce(
                               (SELECT CASE WHEN r.backup_id = ? THEN r.range_no END FROM gold_backup_ranges r
                                WHERE (r.backup_id, r.last_address) >= (?, a COLLATE "C")
                                ORDER BY r.backup_id, r.last_address LIMIT 1),
                               -1),
                           (SELECT max(range_no) FROM gold_backup_ranges WHERE backup_id = ?)
                    FROM unnest(?::text[]) AS a
                    """)) {
                ps.setLong(1, id);
                ps.setLong(2, id);
                ps.setLong(3, id);
                ps.setArray(4, c.createArrayOf("text", addresses.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getInt(2);
                        if (rs.wasNull()) {
                            return List.of();
                        }
                        numbers.add(rs.getInt(1) < 0 ? last : rs.getInt(1));
                    }
                }
            }
            if (numbers.isEmpty()) {
                return List.of();
            }
            TreeSet<Integer> wanted = new TreeSet<>(numbers);
            numbers.forEach(k -> wanted.add(k - 1));
            Map<Integer, RowDigest.Range> read = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT range_no, last_address, wallets, sha256 FROM gold_backup_ranges
                    WHERE backup_id = ? AND range_no = ANY(?::int4[])
                    """)) {
                ps.setLong(1, id);
                ps.setArray(2, c.createArrayOf("int4", wanted.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read.put(rs.getInt(1), new RowDigest.Range(rs.getInt(1), rs.getString(2), rs.getInt(3),
                                rs.getBytes(4)));
                    }
                }
            }
            List<RangeCheck.Stored> found = new ArrayList<>(numbers.size());
            for (int k : numbers) {
                RowDigest.Range range = read.get(k);
                RowDigest.Range before = read.get(k - 1);
                found.add(new RangeCheck.Stored(new CanonicalRowsRepository.Bounds(k,
                        k == 0 || before == null ? null : before.lastAddress(), k == last ? null : range.lastAddress()),
                        range.wallets(), range.sha256()));
            }
            return found;
        });
    }

    /**
     * The stored ranges of backup {@code id} whose digest or size differs from {@code actual} (a full re-hash, in
     * order), compared as they stream past: how many, and the first {@code limit} in words.
     */
    RangeCheck.Differing differing(DbSession session, long id, List<RowDigest.Range> actual, int limit) {
        return Sql.call("comparing the checksum's ranges", () -> {
            long count = 0;
            List<String> first = new ArrayList<>();
            int seen = 0;
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    SELECT range_no, last_address, wallets, sha256 FROM gold_backup_ranges
                    WHERE backup_id = ? ORDER BY range_no
                    """)) {
                ps.setFetchSize(2000);
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int k = rs.getInt(1);
                        RowDigest.Range a = k < actual.size() ? actual.get(k) : null;
                        if (a == null || a.wallets() != rs.getInt(3) || !Arrays.equals(a.sha256(), rs.getBytes(4))) {
                            count++;
                            if (first.size() < limit) {
                                first.add("range " + k + " (up to " + rs.getString(2) + ")");
                            }
                        }
                        seen++;
                    }
                }
            }
            for (int k = seen; k < actual.size(); k++) {
                count++;
                if (first.size() < limit) {
                    first.add("range " + k + " (not stored)");
                }
            }
            return new RangeCheck.Differing(count, seen, first);
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
            try (Statement st = session.connection().createStatement()) {
                st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
            return CanonicalRowsRepository.hashRanges(session.connection(), Partitions.of(id), ranges);
        });
    }
}
