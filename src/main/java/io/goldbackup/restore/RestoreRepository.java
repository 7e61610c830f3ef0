package io.goldbackup.restore;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.audit.AuditTrail;
import io.goldbackup.gamestate.GoldRule;

/**
 * The SQL of restores: the plan, the fingerprint, the set-based writes, and the restore log. Native throughout:
 * a restore of a million wallets is a few statements joining the backup's partition to the live tables.
 */
@ApplicationScoped
class RestoreRepository {

    /** Advisory lock namespace a restoring session holds on its run, so recovery can tell live runs apart. */
    static final int RESTORE_LOCK_NAMESPACE = 0x60_1d_2e_57;

    private static final String RUN_COLUMNS = """
            id, backup_id, dry_run, triggered_by, actor_name, target_count, status, started_at, finished_at,
            duration_ms, wallets_total, wallets_processed, wallets_changed, gold_before, gold_after,
            safety_backup_id, fingerprint, error, operation_id""";

    private final AgroalDataSource dataSource;

    RestoreRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The wallets in scope: a restore's rows of the backup, narrowed to the run's targets when it has them. */
    record Scope(long backupId, long runId, boolean targeted) {

        /** Condition on a wallet address column: the run's targets, or true for a full restore. */
        String targets(String column) {
            return targeted
                    ? "EXISTS (SELECT 1 FROM restore_run_targets t WHERE t.run_id = %d AND t.wallet_address = %s)"
                            .formatted(runId, column)
                    : "true";
        }

        /** The condition selecting the backup's rows in scope, as {@code b}. */
        String where() {
            return "b.backup_id = %d AND %s".formatted(backupId, targets("b.wallet_address"));
        }

        /**
         * The backup's partition. Restore SQL names it rather than the partitioned parent: the planner has
         * statistics for the partition only, and joins planned on the parent's (none) pick nested loops.
         */
        String table() {
            return "gold_backup_wallets_" + backupId;
        }

        /** The backup's rows in scope, as {@code b}. */
        String backupRows() {
            return table() + " b WHERE " + where();
        }

        /** The backup's rows in scope joined to their live wallet {@code g} and player {@code p}. */
        String joinedLive() {
            return table() + """
                     b
                    JOIN gold_mining g ON g.wallet_address = b.wallet_address
                    LEFT JOIN players p ON p.wallet_address = b.wallet_address
                    WHERE\s""" + where();
        }
    }

    // ----- restore log ------------------------------------------------------------------------------------------

    /**
     * Registers a run and its targets. For a real restore the partial unique index on running real restores makes
     * this fail when another one runs; the caller turns that into a 409.
     */
    long insertRun(Connection c, long backupId, boolean dryRun, String subject, String name, List<String> targets,
            Instant startedAt) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO restore_runs (backup_id, dry_run, triggered_by, actor_name, target_count, started_at,
                                          operation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                """)) {
            ps.setLong(1, backupId);
            ps.setBoolean(2, dryRun);
            ps.setString(3, subject);
            ps.setString(4, name);
            ps.setObject(5, targets == null ? null : targets.size());
            ps.setTimestamp(6, Timestamp.from(startedAt));
            ps.setString(7, AuditTrail.currentOperationId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (targets != null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO restore_run_targets (run_id, wallet_address)
                    SELECT ?, unnest(?::text[])
                    """)) {
                ps.setLong(1, id);
                Array array = c.createArrayOf("text", targets.toArray());
                ps.setArray(2, array);
                ps.executeUpdate();
            }
        }
        return id;
    }

    /** Reports progress on a run from outside the restore's transaction, so that readers see it while it works. */
    void progress(long runId, Long total, long processed) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE restore_runs SET wallets_total = coalesce(?, wallets_total), wallets_processed = ? WHERE id = ?")) {
            ps.setObject(1, total);
            ps.setLong(2, processed);
            ps.setLong(3, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("reporting restore progress failed", e);
        }
    }

    /** Records a run's end. Uses {@code c} inside the restore's transaction, or a pooled connection when null. */
    void finishRun(Connection c, long runId, String status, long durationMs, Long total, Long processed, Long changed,
            Double goldBefore, Double goldAfter, Long safetyBackupId, String fingerprint, String error)
            throws SQLException {
        String sql = """
                UPDATE restore_runs
                SET status = ?, finished_at = now(), duration_ms = ?, wallets_total = coalesce(?, wallets_total),
                    wallets_processed = coalesce(?, wallets_processed), wallets_changed = ?, gold_before = ?,
                    gold_after = ?, safety_backup_id = ?, fingerprint = coalesce(?, fingerprint), error = ?
                WHERE id = ?
                """;
        boolean own = c == null;
        Connection conn = own ? dataSource.getConnection() : c;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, status);
            ps.setLong(2, durationMs);
            ps.setObject(3, total);
            ps.setObject(4, processed);
            ps.setObject(5, changed);
            ps.setObject(6, goldBefore);
            ps.setObject(7, goldAfter);
            ps.setObject(8, safetyBackupId);
            ps.setString(9, fingerprint);
            ps.setString(10, error);
            ps.setLong(11, runId);
            ps.executeUpdate();
        } finally {
            if (own) {
                conn.close();
            }
        }
    }

    /** Marks failed the real restores a crash left running; a live restorer holds its run's advisory lock. */
    int failInterrupted() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE restore_runs
                SET status = 'failed', finished_at = now(),
                    error = 'interrupted: the service stopped while this restore ran; it was rolled back'
                WHERE status = 'running' AND pg_try_advisory_xact_lock(?, id::integer)
                """)) {
            ps.setInt(1, RESTORE_LOCK_NAMESPACE);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recovering interrupted restores failed", e);
        }
    }

    List<RestoreRun> list(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + RUN_COLUMNS + " FROM restore_runs ORDER BY started_at DESC, id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<RestoreRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs, null));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the restore log failed", e);
        }
    }

    Optional<RestoreRun> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + RUN_COLUMNS + " FROM restore_runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> targets = null;
                if (rs.getObject("target_count") != null) {
                    targets = strings(c, "SELECT wallet_address FROM restore_run_targets WHERE run_id = ? "
                            + "ORDER BY wallet_address", id);
                }
                return Optional.of(run(rs, targets));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the restore log failed", e);
        }
    }

    /** Share of finished real restores that completed; null before the first. */
    Double successRate() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE status = 'completed')::double precision / nullif(count(*), 0)
                FROM restore_runs WHERE NOT dry_run AND status IN ('completed', 'failed')
                """); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Object rate = rs.getObject(1);
            return rate == null ? null : ((Number) rate).doubleValue();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the restore log failed", e);
        }
    }

    private static RestoreRun run(ResultSet rs, List<String> targets) throws SQLException {
        return new RestoreRun(rs.getLong("id"), rs.getLong("backup_id"), rs.getBoolean("dry_run"),
                rs.getString("triggered_by"), rs.getString("actor_name"), (Integer) rs.getObject("target_count"),
                targets, rs.getString("status"), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), (Long) rs.getObject("duration_ms"),
                (Long) rs.getObject("wallets_total"), rs.getLong("wallets_processed"),
                (Long) rs.getObject("wallets_changed"), (Double) rs.getObject("gold_before"),
                (Double) rs.getObject("gold_after"), (Long) rs.getObject("safety_backup_id"),
                rs.getString("fingerprint"), rs.getString("error"), rs.getString("operation_id"));
    }

    // ----- plan -------------------------------------------------------------------------------------------------

    /** The wallets in scope joined to their live state, as {@code a}; the "changes" flag per row. */
    private static String affected(Scope s, String asOf) {
        return """
                a AS (
                    SELECT b.wallet_address, b.current_gold, b.gold_per_hour, b.level, b.experience, b.bank_balance,
                           b.mek_count AS mek_count_then, b.total_mek_gold_rate AS mek_rate_then,
                           %s AS gold_now, g.total_gold_per_hour AS rate_now,
                           p.level AS level_now, p.experience AS experience_now, p.bank_balance AS bank_now,
                           hashtextextended(concat_ws('|', g.wallet_address, g.accumulated_gold,
                               g.total_gold_per_hour, coalesce(g.last_snapshot_time::text, '-'),
                               g.is_blockchain_verified, g.consecutive_snapshot_failures,
                               coalesce(p.level::text, '-'), coalesce(p.experience::text, '-'),
                               coalesce(p.bank_balance::text, '-')), 0) AS live_hash
                    FROM %s
                ), c AS (
                    SELECT a.*, (a.gold_now <> a.current_gold OR a.rate_now <> a.gold_per_hour
                                 OR (a.level IS NOT NULL AND (a.level_now IS DISTINCT FROM a.level
                                     OR a.experience_now IS DISTINCT FROM a.experience
                                     OR a.bank_now IS DISTINCT FROM a.bank_balance))) AS changes
                    FROM a
                )""".formatted(GoldRule.currentGold("g", asOf), s.joinedLive());
    }

    /**
     * Counts and totals over the wallets in scope, and what the fingerprint covers, in one pass: every live field a
     * restore reads or overwrites (row hash {@code live_hash}), combined order-independently as count, sum and xor
     * of the 64-bit row hashes.
     */
    PlanTotals totals(Connection c, Scope s, Instant asOf) throws SQLException {
        String sql = "WITH " + affected(s, "?::timestamptz") + """
                SELECT count(*), count(*) FILTER (WHERE changes),
                       coalesce(sum(gold_now), 0), coalesce(sum(current_gold), 0),
                       coalesce(sum(rate_now), 0), coalesce(sum(gold_per_hour), 0),
                       coalesce(sum(live_hash), 0), coalesce(bit_xor(live_hash), 0)
                FROM c
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(asOf));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new PlanTotals(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6),
                        rs.getLong(1) + ":" + rs.getBigDecimal(7).toPlainString() + ":" + rs.getLong(8));
            }
        }
    }

    /** The largest gold changes first, with mek figures now for those wallets only; and the sum of the rest. */
    Diffs diffs(Connection c, Scope s, Instant asOf, int limit) throws SQLException {
        String sql = "WITH " + affected(s, "?::timestamptz") + """
                , top AS MATERIALIZED (
                    SELECT * FROM c WHERE changes
                    ORDER BY abs(current_gold - gold_now) DESC, wallet_address LIMIT ?
                )
                SELECT top.wallet_address, top.gold_now, top.current_gold, top.rate_now, top.gold_per_hour,
                       top.level_now, top.level, top.experience_now, top.experience, top.bank_now, top.bank_balance,
                       top.mek_count_then, coalesce(m.n, 0), top.mek_rate_then, coalesce(m.rate, 0)
                FROM top
                LEFT JOIN LATERAL (SELECT count(*) AS n, sum(o.gold_per_hour) AS rate
                                   FROM owned_meks o WHERE o.wallet_address = top.wallet_address) m ON true
                ORDER BY abs(top.current_gold - top.gold_now) DESC, top.wallet_address
                """;
        List<WalletDiff> diffs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(asOf));
            ps.setInt(2, limit);
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
    }

    /** How many wallets in scope have a different mek count, or mek rate, now than in the backup. */
    long[] mekChanges(Connection c, Scope s) throws SQLException {
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
    }

    /** Wallets of the backup in scope that no longer exist live: count and the first ones. */
    RestorePlan.Missing backupWalletsNotLive(Connection c, Scope s, int sample) throws SQLException {
        String where = "FROM " + s.backupRows()
                + " AND NOT EXISTS (SELECT 1 FROM gold_mining g WHERE g.wallet_address = b.wallet_address)";
        return missing(c, "SELECT count(*) " + where,
                "SELECT b.wallet_address " + where + " ORDER BY 1 LIMIT " + sample);
    }

    /** Live wallets that the backup does not hold (a full restore leaves them untouched). */
    RestorePlan.Missing liveWalletsOutsideBackup(Connection c, long backupId, int sample) throws SQLException {
        String where = "FROM gold_mining g WHERE NOT EXISTS (SELECT 1 FROM gold_backup_wallets_" + backupId
                + " b WHERE b.wallet_address = g.wallet_address)";
        return missing(c, "SELECT count(*) " + where,
                "SELECT g.wallet_address " + where + " ORDER BY 1 LIMIT " + sample);
    }

    /** Named wallets the backup does not hold. */
    List<String> targetsNotInBackup(Connection c, Scope s) throws SQLException {
        return strings(c, """
                SELECT t.wallet_address FROM restore_run_targets t
                WHERE t.run_id = ? AND NOT EXISTS (SELECT 1 FROM %s b WHERE b.wallet_address = t.wallet_address)
                ORDER BY 1
                """.formatted(s.table()), s.runId());
    }

    // ----- apply ------------------------------------------------------------------------------------------------

    /**
     * Locks what the restore overwrites until it commits, so that the fingerprint checked under the lock still
     * holds when the rows are written. A full restore locks the tables against writers (readers and backups go on);
     * a targeted one locks its rows.
     */
    void lockScope(Connection c, Scope s) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (s.targeted()) {
                st.execute("""
                        SELECT 1 FROM gold_mining g
                        WHERE %s ORDER BY g.wallet_address FOR UPDATE
                        """.formatted(s.targets("g.wallet_address")));
                st.execute("""
                        SELECT 1 FROM players p
                        WHERE %s ORDER BY p.wallet_address FOR UPDATE
                        """.formatted(s.targets("p.wallet_address")));
            } else {
                st.execute("LOCK TABLE gold_mining, players IN SHARE ROW EXCLUSIVE MODE");
            }
        }
    }

    /** Upper bounds of the steps of {@code chunk} wallets each, in address order; the last step is open-ended. */
    List<String> chunkBounds(Connection c, Scope s, int chunk) throws SQLException {
        return strings(c, """
                SELECT wallet_address FROM (
                    SELECT b.wallet_address, row_number() OVER (ORDER BY b.wallet_address) AS rn FROM %s
                ) x WHERE rn %% ? = 0 ORDER BY 1
                """.formatted(s.backupRows()), chunk);
    }

    /**
     * Restores the wallets in scope with addresses in {@code (from, to]} ({@code to} null: no upper bound): gold is
     * the backup's gold at backup time and accrues again from {@code restoredAt}; rate, level, experience and bank
     * balance come back; meks are never touched.
     *
     * @return the live wallets written
     */
    long restoreRange(Connection c, Scope s, String from, String to, Instant restoredAt) throws SQLException {
        String range = "b.wallet_address > ?" + (to == null ? "" : " AND b.wallet_address <= ?");
        String liveRange = range.replace("b.wallet_address", "g.wallet_address");
        String playerRange = range.replace("b.wallet_address", "p.wallet_address");
        // A step is a tenth of the wallets: without this PostgreSQL reads the whole backup partition (and for the
        // anti-join all players) once per step instead of range-scanning both sides by address.
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL enable_seqscan = off");
        }
        long written;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE gold_mining g
                SET accumulated_gold = b.current_gold, total_gold_per_hour = b.gold_per_hour,
                    last_snapshot_time = ?, updated_at = ?
                FROM %s AND b.wallet_address = g.wallet_address AND %s AND %s
                """.formatted(s.backupRows(), range, liveRange))) {
            Timestamp at = Timestamp.from(restoredAt);
            int i = 1;
            ps.setTimestamp(i++, at);
            ps.setTimestamp(i++, at);
            i = bindRange(ps, i, from, to);
            bindRange(ps, i, from, to);
            written = ps.executeUpdate();
        }
        String liveInRange = " AND EXISTS (SELECT 1 FROM gold_mining g WHERE g.wallet_address = b.wallet_address) AND "
                + range;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE players p
                SET level = b.level, experience = b.experience, bank_balance = b.bank_balance
                FROM %s AND b.level IS NOT NULL AND b.wallet_address = p.wallet_address %s AND %s
                """.formatted(s.backupRows(), liveInRange, playerRange))) {
            bindRange(ps, bindRange(ps, 1, from, to), from, to);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO players (wallet_address, level, experience, bank_balance)
                SELECT b.wallet_address, b.level, b.experience, b.bank_balance
                FROM %s AND b.level IS NOT NULL %s
                  AND NOT EXISTS (SELECT 1 FROM players p WHERE p.wallet_address = b.wallet_address)
                """.formatted(s.backupRows(), liveInRange))) {
            bindRange(ps, 1, from, to);
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL enable_seqscan = on");
        }
        return written;
    }

    private static int bindRange(PreparedStatement ps, int i, String from, String to) throws SQLException {
        ps.setString(i++, from);
        if (to != null) {
            ps.setString(i++, to);
        }
        return i;
    }

    private static RestorePlan.Missing missing(Connection c, String countSql, String sampleSql) throws SQLException {
        long count;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(countSql)) {
            rs.next();
            count = rs.getLong(1);
        }
        return new RestorePlan.Missing(count, count == 0 ? List.of() : strings(c, sampleSql));
    }

    private static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** Counts and totals of a plan. */
    record PlanTotals(long inScope, long changing, double goldBefore, double goldAfter, double rateBefore,
            double rateAfter, String liveState) {
    }

    /** The listed diffs. */
    record Diffs(List<WalletDiff> listed) {
    }
}
