package io.goldbackup.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.DbSession;
import io.goldbackup.db.Sql;
import io.goldbackup.gamestate.LiveTablesRepository;
import io.goldbackup.gamestate.RestoredFields;

/**
 * The SQL that writes a restore: the lock on what it overwrites, the steps' bounds, and the set-based writes of one
 * step. Native: a restore of a million wallets is a few UPDATE ... FROM statements, never a loop in Java.
 */
@ApplicationScoped
class RestoreWriteRepository {

    private final LiveTablesRepository liveTables;

    RestoreWriteRepository(LiveTablesRepository liveTables) {
        this.liveTables = liveTables;
    }

    /**
     * Locks what the restore overwrites until it commits, so that the fingerprint checked under the lock still
     * holds when the rows are written. A full restore locks the tables against writers (readers and backups go on);
     * a targeted one locks its rows.
     */
    void lockScope(DbSession session, RestoreScope s) {
        Sql.run("lock scope", () -> {
            Connection c = session.connection();
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
                if (s.deletesRecreated()) {
                    // The rows an undo may delete, against writers and against a mek being added meanwhile: adding
                    // one takes a key-share lock on its wallet's row, which waits for this one. So the meks this
                    // restore sees under the lock are all there are, and its DELETE never cascades to the game's.
                    st.execute("""
                            SELECT 1 FROM gold_mining g
                            WHERE EXISTS (SELECT 1 FROM %s AND a.wallet_address = g.wallet_address)
                            ORDER BY g.wallet_address FOR UPDATE
                            """.formatted(s.recreatedRows()));
                }
            }
        });
    }

    /** Upper bounds of the steps of {@code chunk} wallets each, in address order; the last step is open-ended. */
    List<String> chunkBounds(DbSession session, RestoreScope s, int chunk) {
        return Sql.call("chunk bounds", () -> {
            Connection c = session.connection();
            return Sql.strings(c, """
                    SELECT wallet_address FROM (
                        SELECT wallet_address, row_number() OVER (ORDER BY wallet_address) AS rn FROM %s
                    ) x WHERE rn %% ? = 0 ORDER BY 1
                    """.formatted(s.changes()), chunk);
        });
    }

    /**
     * Puts the wallets in scope whose restored fields differ at {@code restoredAt} ({@link RestoredFields}, the plan's
     * own predicate) into the run's table of changes ({@link RestoreScope#changes()}), with which of their rows differ,
     * and answers the totals and the fingerprint's live state over all wallets in scope: one pass joining the backup's
     * partition to the live rows, under the restore's lock (the rows it joins are kept for both, in memory up to the
     * session's {@code work_mem}). The safety snapshot and the writes then read that table, so that they cost what changes: a
     * restore of 1% of a million wallets snapshots and writes 10,000 wallets by index instead of comparing a million
     * rows three more times. The table is written in address order (the writes of most wallets merge it with the live
     * tables in that order). Unlogged (no WAL for a table that lives one transaction) and in the service's schema
     * (parallel workers read it; a temporary table they cannot).
     * <p>
     * Where the live tables lie in address order ({@link LiveTablesRepository#inAddressOrder}) the pass merges them with the backup (which
     * always does) through their keys: 2.8 s for a million wallets instead of 3.8 s with hash tables.
     */
    RestorePlanRepository.PlanTotals markChanges(DbSession session, RestoreScope s, Instant restoredAt) {
        return Sql.call("marking the wallets that differ", () -> {
            Connection c = session.connection();
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE UNLOGGED TABLE %s (wallet_address text COLLATE "C" NOT NULL, gold boolean NOT NULL,
                                                  player boolean NOT NULL)
                        """.formatted(s.changes()));
                if (liveTables.inAddressOrder(session, "gold_mining", "players")) {
                    st.execute("SET LOCAL enable_hashjoin = off");
                }
            }
            RestorePlanRepository.PlanTotals totals;
            try (PreparedStatement ps = c.prepareStatement("WITH " + RestorePlanRepository.affected(s,
                    "?::timestamptz") + """
                            , marked AS (
                                INSERT INTO %s (wallet_address, gold, player)
                                SELECT wallet_address, gold_changes, player_changes FROM c WHERE %s
                                ORDER BY wallet_address
                            )
                            """.formatted(s.changes(), RestorePlanRepository.CHANGES) + RestorePlanRepository.TOTALS)) {
                RestorePlanRepository.bindAsOf(ps, restoredAt);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    totals = RestorePlanRepository.totals(rs);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_hashjoin TO DEFAULT");
                st.execute("ALTER TABLE %1$s ADD PRIMARY KEY (wallet_address)".formatted(s.changes()));
                if (totals.changing() > 10_000) {
                    // Statistics for the joins that read it; a small table is read through its key either way.
                    st.execute("ANALYZE " + s.changes());
                }
            }
            return totals;
        });
    }

    /** Drops the run's table of changes before the restore commits. */
    void dropChanges(DbSession session, RestoreScope s) {
        Sql.run("dropping the table of changes", () -> {
            try (Statement st = session.connection().createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + s.changes());
            }
        });
    }

    /**
     * Restores the wallets in the run's table of changes ({@link #markChanges}) with addresses in {@code (from, to]}
     * ({@code to} null: no upper bound), the wallets in scope whose restored fields differ: gold becomes
     * the backup's gold at backup time and accrues again from {@code restoredAt}, and the rate comes back, where they
     * differ; level, experience and bank balance come back where they differ (a missing player row the backup holds is
     * created); meks are never touched. A wallet that differs in nothing gets no new row version: no dead tuple, no
     * WAL. With {@code restoreDeleted}, wallets that no longer exist live are re-created from the backup, and recorded
     * with safety snapshot {@code safetyId} as absent before, with their player row as it was, so that an undo deletes
     * them again.
     *
     * @param byIndex a step of a few: range scans by address (a step of most wallets: hash joins, as a whole-table
     *        UPDATE ... FROM)
     * @param afterGold told the mining rows written, before the player rows are: a progress report in a restore of
     *        one step
     * @return the live wallets written (each once, whichever of its rows were written), and how many of them were
     *         re-created
     */
    Written restoreRange(DbSession session, RestoreScope s, String from, String to, Instant restoredAt,
            long safetyId, boolean byIndex, LongConsumer afterGold) {
        return Sql.call("restore range", () -> {
            Connection c = session.connection();
            Range range = new Range(from, to);
            Timestamp at = Timestamp.from(restoredAt);
            // A step of a few (a tenth of them, say): without this PostgreSQL reads the whole backup partition (and for
            // the anti-join all players) once per step instead of range-scanning both sides by address.
            // A step of most wallets: one merge join in address order over the keys of the table of changes (written
            // in that order), the backup and the live table, so that the new row versions and their index entries are
            // written in order: half the time of the hash join that PostgreSQL would choose (12 s instead of 22 s for a
            // million wallets), whose random order dirties every page of the key index again and again.
            try (Statement st = c.createStatement()) {
                st.execute(byIndex ? "SET LOCAL enable_seqscan = off" : "SET LOCAL enable_hashjoin = off");
            }
            long goldWritten;
            String changed = s.changes() + " rc JOIN " + s.table() + " b ON b.wallet_address = rc.wallet_address";
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE gold_mining g
                    SET accumulated_gold = b.current_gold, total_gold_per_hour = b.gold_per_hour,
                        last_snapshot_time = ?, updated_at = ?
                    FROM %s
                    WHERE rc.gold AND g.wallet_address = rc.wallet_address AND %s
                    """.formatted(changed, range.on("rc")))) {
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                range.bind(ps, 3);
                goldWritten = ps.executeUpdate();
            }
            afterGold.accept(goldWritten);
            // The run's table of changes says which rows of each wallet differ (markChanges): the mining rows first (a
            // one-step restore reports them as its progress), then the player rows, counting the wallets whose gold
            // does not differ too, so that a wallet both of whose rows are written counts once.
            long playersOnly;
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH written AS (
                        UPDATE players p
                        SET level = b.level, experience = b.experience, bank_balance = b.bank_balance
                        FROM %s
                        WHERE rc.player AND p.wallet_address = rc.wallet_address AND %s
                        RETURNING rc.gold AS gold_too
                    )
                    SELECT count(*) FILTER (WHERE gold_too IS NOT TRUE) FROM written
                    """.formatted(changed, range.on("rc")))) {
                range.bind(ps, 1);
                playersOnly = count(ps);
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_hashjoin TO DEFAULT");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH created AS (
                        INSERT INTO players (wallet_address, level, experience, bank_balance)
                        SELECT b.wallet_address, b.level, b.experience, b.bank_balance
                        FROM %s
                        WHERE rc.player AND b.level IS NOT NULL AND %s
                          AND NOT EXISTS (SELECT 1 FROM players p WHERE p.wallet_address = rc.wallet_address)
                        RETURNING wallet_address
                    )
                    SELECT count(*) FROM created w JOIN %s rc ON rc.wallet_address = w.wallet_address
                    WHERE rc.gold IS NOT TRUE
                    """.formatted(changed, range.on("rc"), s.changes()))) {
                range.bind(ps, 1);
                playersOnly += count(ps);
            }
            long written = goldWritten + playersOnly;
            long recreated = s.restoreDeleted() ? recreate(c, s, range, at, safetyId) : 0;
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_seqscan TO DEFAULT");
            }
            return new Written(written + recreated, recreated);
        });
    }

    /**
     * Wallets the backup holds that no longer exist live, re-created as the backup has them, with their player row.
     * What the backup does not hold (verification, snapshot failures) starts at the game's defaults. The safety
     * snapshot records exactly the rows this INSERT created (RETURNING), and each one's player row as it was: every
     * part of one statement reads the rows as they were before it. A wallet the game creates meanwhile is left to the
     * game (ON CONFLICT), and so never recorded. After the live wallets' writes, which therefore never see these.
     *
     * @return the wallets re-created
     */
    private static long recreate(Connection c, RestoreScope s, Range range, Timestamp at, long safetyId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH recreated AS (
                    INSERT INTO gold_mining (wallet_address, accumulated_gold, total_gold_per_hour,
                                             last_snapshot_time, last_active_time, created_at, updated_at)
                    SELECT b.wallet_address, b.current_gold, b.gold_per_hour, ?, b.last_active_time, ?, ?
                    FROM %1$s AND %2$s
                      AND NOT EXISTS (SELECT 1 FROM gold_mining g WHERE g.wallet_address = b.wallet_address)
                    ON CONFLICT (wallet_address) DO NOTHING
                    RETURNING wallet_address
                ), recorded AS (
                    INSERT INTO restore_recreated_wallets (backup_id, wallet_address, player_existed,
                                                           player_level, player_experience, player_bank_balance)
                    SELECT ?, r.wallet_address, p.wallet_address IS NOT NULL, p.level, p.experience, p.bank_balance
                    FROM recreated r LEFT JOIN players p ON p.wallet_address = r.wallet_address
                ), player_updated AS (
                    UPDATE players p
                    SET level = b.level, experience = b.experience, bank_balance = b.bank_balance
                    FROM recreated r JOIN %3$s b ON b.wallet_address = r.wallet_address
                    WHERE p.wallet_address = r.wallet_address AND %4$s
                ), player_created AS (
                    INSERT INTO players (wallet_address, level, experience, bank_balance)
                    SELECT b.wallet_address, b.level, b.experience, b.bank_balance
                    FROM recreated r JOIN %3$s b ON b.wallet_address = r.wallet_address
                    WHERE b.level IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM players p WHERE p.wallet_address = r.wallet_address)
                )
                SELECT count(*) FROM recreated
                """.formatted(s.backupRows(), range.on("b"), s.table(), RestoredFields.playerDiffers("p", "b")))) {
            ps.setTimestamp(1, at);
            ps.setTimestamp(2, at);
            ps.setTimestamp(3, at);
            ps.setLong(range.bind(ps, 4), safetyId);
            return count(ps);
        }
    }

    /**
     * An undo's deletions ({@link RestoreScope#deletesRecreated()} only, rows locked by {@link #lockScope}): the
     * wallets the undone restore re-created go again, except those owning meks now (deleting their mining row would
     * cascade to the game's meks). A player row the restore found is put back as it was; one it created is deleted.
     * Set-based, whatever the number of wallets.
     *
     * @return the wallets deleted
     */
    long deleteRecreated(DbSession session, RestoreScope s) {
        if (!s.deletesRecreated()) {
            throw new IllegalStateException("only an undo with restoreDeleted deletes game rows");
        }
        return Sql.call("deleting re-created wallets", () -> {
            Connection c = session.connection();
            String deletable = "FROM %s AND a.wallet_address = %%s AND NOT EXISTS (SELECT 1 FROM owned_meks o "
                    .formatted(s.recreatedRows()) + "WHERE o.wallet_address = a.wallet_address) AND EXISTS (SELECT 1 "
                    + "FROM gold_mining g WHERE g.wallet_address = a.wallet_address)";
            try (Statement st = c.createStatement()) {
                st.executeUpdate("""
                        UPDATE players p
                        SET level = a.player_level, experience = a.player_experience,
                            bank_balance = a.player_bank_balance
                        FROM (SELECT a.* %s) a
                        WHERE a.player_existed AND a.wallet_address = p.wallet_address
                        """.formatted(deletable.formatted("a.wallet_address")));
                st.executeUpdate("""
                        DELETE FROM players p
                        WHERE EXISTS (SELECT 1 %s AND NOT a.player_existed)
                        """.formatted(deletable.formatted("p.wallet_address")));
                return (long) st.executeUpdate("""
                        DELETE FROM gold_mining d
                        WHERE EXISTS (SELECT 1 %s)
                        """.formatted(deletable.formatted("d.wallet_address")));
            }
        });
    }

    /**
     * What a step wrote.
     *
     * @param written live wallets written, re-created ones included
     * @param recreated wallets re-created
     */
    record Written(long written, long recreated) {
    }

    private static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A step's addresses, {@code (from, to]}; {@code to} null: no upper bound. */
    private record Range(String from, String to) {

        /** The condition on the address of row {@code alias}, with its bind parameters. */
        String on(String alias) {
            return alias + ".wallet_address > ?" + (to == null ? "" : " AND " + alias + ".wallet_address <= ?");
        }

        /** Binds the bounds of one {@link #on} from {@code i}; answers the next index. */
        int bind(PreparedStatement ps, int i) throws SQLException {
            ps.setString(i++, from);
            if (to != null) {
                ps.setString(i++, to);
            }
            return i;
        }
    }
}
