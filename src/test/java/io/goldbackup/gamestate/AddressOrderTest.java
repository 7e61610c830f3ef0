package io.goldbackup.gamestate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.testsupport.Api;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the live tables lie on disk in address order (as the statistics tell,
 * {@link LiveTablesRepository#inAddressOrder}), a backup and a full restore read them
 * through their keys, in order (merge joins, no hash tables, no sorts); elsewhere PostgreSQL's own plans stay. Both
 * ways give the same result: the same rows in a backup (the sum of a wallet's mek rates to the last bits: floating point adds
 * in the order it reads), the same rows written by a restore.
 */
@QuarkusTest
class AddressOrderTest {

    private static final int WALLETS = 300;
    /** Every mek of this wallet at the same rate: the greatest asset id is its top mek, whichever plan reads them. */
    private static final String TIED = GameStateSeeder.demoAddress(5);
    private static final String GOLD = GameStateSeeder.demoAddress(11);
    private static final String BOTH = GameStateSeeder.demoAddress(22);
    private static final String PLAYER = GameStateSeeder.demoAddress(33);

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    Database database;

    @Inject
    LiveTablesRepository liveTables;

    private Instant now;

    @BeforeEach
    void seed() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
        db.seed(1, WALLETS);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.set(now);
    }

    @AfterEach
    void cleanUp() {
        clock.reset();
        db.execute("DROP TABLE IF EXISTS shuffled_mining, shuffled_meks, shuffled_players");
    }

    @Test
    void aBackupHoldsTheSameRowsWhicheverWayItReadsTheMeks() {
        db.update("UPDATE owned_meks SET gold_per_hour = 99 WHERE wallet_address = ?", TIED);
        db.execute("ANALYZE gold_mining, owned_meks, players");
        assertTrue(inOrder("owned_meks"), "seeded in address order");
        long ordered = Api.backup();

        shuffle();
        assertFalse(inOrder("owned_meks"), "the same meks, in random order on disk");
        long shuffled = Api.backup();

        // Every column but the sum of the mek rates, which floating point adds in the order the meks are read: equal
        // to the last bits only (as between two backups of the same meks read in parallel in another order).
        String rows = "SELECT wallet_address, current_gold, gold_per_hour, accumulated_gold, last_snapshot_time, "
                + "total_gold_per_hour, mek_count, last_active_time, top_mek_gold_rate, top_mek_asset_id, "
                + "level, experience, bank_balance FROM gold_backup_wallets WHERE backup_id = ";
        assertEquals(WALLETS, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", ordered));
        assertEquals(0, db.count("SELECT count(*) FROM (" + rows + ordered + " EXCEPT " + rows + shuffled + ") d"));
        assertEquals(0, db.count("SELECT count(*) FROM (" + rows + shuffled + " EXCEPT " + rows + ordered + ") d"));
        assertEquals(0, db.count("""
                SELECT count(*) FROM gold_backup_wallets a JOIN gold_backup_wallets b USING (wallet_address)
                WHERE a.backup_id = ? AND b.backup_id = ?
                  AND abs(a.total_mek_gold_rate - b.total_mek_gold_rate) > 1e-9 * greatest(1, a.total_mek_gold_rate)
                """, ordered, shuffled));
        assertEquals(db.single("SELECT max(asset_id) FROM owned_meks WHERE wallet_address = ?", TIED),
                db.single("SELECT top_mek_asset_id FROM gold_backup_wallets WHERE backup_id = ? "
                        + "AND wallet_address = ?", shuffled, TIED));
    }

    @ParameterizedTest(name = "live tables in random order on disk: {0}")
    @ValueSource(booleans = {false, true})
    void aFullRestoreWritesExactlyWhatDiffersWhicheverWayItJoinsTheLiveTables(boolean shuffled) {
        if (shuffled) {
            shuffle();
        } else {
            db.execute("ANALYZE gold_mining, owned_meks, players");
        }
        assertEquals(!shuffled, inOrder("gold_mining", "players"));
        long id = Api.backup();
        Timestamp at = Timestamp.from(now);
        db.update("UPDATE gold_mining SET accumulated_gold = 12345, last_snapshot_time = ?, updated_at = ? "
                + "WHERE wallet_address IN (?, ?)", at, at, GOLD, BOTH);
        db.update("UPDATE players SET level = level + 1 WHERE wallet_address IN (?, ?)", BOTH, PLAYER);
        TableRows damaged = db.gameRows();

        long safety = Api.fullRestore(id, false).statusCode(200).body("walletsTotal", equalTo(WALLETS))
                .body("walletsChanged", equalTo(3)).body("walletsProcessed", equalTo(3)).extract().jsonPath()
                .getLong("safetyBackupId");
        Api.fullRestore(id, true).statusCode(200).body("walletsToChange", equalTo(0));
        assertEquals(3, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", safety));

        Api.fullRestore(safety, false).statusCode(200).body("walletsProcessed", equalTo(3));
        db.assertUnchanged(damaged, "the undo puts back exactly the state before the restore");
    }

    /** The same live rows laid out in random order on disk, with fresh statistics. */
    private void shuffle() {
        db.execute("CREATE TABLE shuffled_mining AS SELECT * FROM gold_mining");
        db.execute("CREATE TABLE shuffled_meks AS SELECT * FROM owned_meks");
        db.execute("CREATE TABLE shuffled_players AS SELECT * FROM players");
        db.execute("TRUNCATE gold_mining, owned_meks, players");
        db.execute("INSERT INTO gold_mining SELECT * FROM shuffled_mining ORDER BY md5(wallet_address)");
        db.execute("INSERT INTO owned_meks SELECT * FROM shuffled_meks ORDER BY md5(asset_id)");
        db.execute("INSERT INTO players SELECT * FROM shuffled_players ORDER BY md5(wallet_address)");
        db.execute("ANALYZE gold_mining, owned_meks, players");
    }

    private boolean inOrder(String... tables) {
        try (DbSession session = database.open()) {
            return liveTables.inAddressOrder(session, tables);
        }
    }
}
