package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.DbSession;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;

/** The SQL behind a backup's warnings: one pass over the rows it took, and a sample of each kind found. */
@ApplicationScoped
class BackupWarningRepository {

    /**
     * Not in stake address format: prefix, bech32 alphabet and the length for the prefix. A character class with
     * a length check instead of a counted quantifier: {53} costs PostgreSQL's regex engine 4 s per million rows.
     */
    private static final String INVALID_ADDRESS = "(wallet_address !~ '^stake(_test)?1[02-9ac-hj-np-z]+$' "
            + "OR length(wallet_address) <> CASE WHEN starts_with(wallet_address, 'stake_test1') THEN 64 ELSE 59 END)";

    /**
     * The warnings a backup records: addresses not in stake address format, snapshot times in the future, and mek
     * figures that do not add up to the stored rate. One pass over the backup's rows; samples only when needed.
     */
    List<BackupWarning> warnings(DbSession session, long id, Instant asOf) {
        return Sql.call("warnings", () -> {
            Connection c = session.connection();
            String table = Partitions.of(id);
            String invalidAddress = INVALID_ADDRESS;
            String futureSnapshot = "last_snapshot_time > ?";
            String rateMismatch = "abs(total_mek_gold_rate - total_gold_per_hour) "
                    + "> 1e-6 * greatest(1::double precision, total_gold_per_hour)";
            long[] counts = new long[3];
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE %s),
                           count(*) FILTER (WHERE %s),
                           count(*) FILTER (WHERE %s)
                    FROM %s
                    """.formatted(invalidAddress, futureSnapshot, rateMismatch, table))) {
                ps.setTimestamp(1, Timestamp.from(asOf));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = rs.getLong(i + 1);
                    }
                }
            }
            List<BackupWarning> warnings = new ArrayList<>();
            if (counts[0] > 0) {
                warnings.add(new BackupWarning("INVALID_ADDRESS_FORMAT", counts[0],
                        counts[0] + " wallet address(es) are not in Cardano stake address format",
                        sample(c, table, invalidAddress, null)));
            }
            if (counts[1] > 0) {
                warnings.add(new BackupWarning("FUTURE_SNAPSHOT_TIME", counts[1],
                        counts[1] + " wallet(s) have a last snapshot time after the backup time; no accrual was added",
                        sample(c, table, futureSnapshot, asOf)));
            }
            if (counts[2] > 0) {
                warnings.add(new BackupWarning("MEK_RATE_MISMATCH", counts[2],
                        counts[2] + " wallet(s) have a stored gold rate that differs from the sum of their meks' rates",
                        sample(c, table, rateMismatch, null)));
            }
            return warnings;
        });
    }

    private static List<String> sample(Connection c, String table, String condition, Instant asOf) throws SQLException {
        List<String> addresses = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT wallet_address FROM %s WHERE %s ORDER BY wallet_address LIMIT 5".formatted(table, condition))) {
            if (asOf != null) {
                ps.setTimestamp(1, Timestamp.from(asOf));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addresses.add(rs.getString(1));
                }
            }
        }
        return addresses;
    }
}
