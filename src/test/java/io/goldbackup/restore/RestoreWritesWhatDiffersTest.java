package io.goldbackup.restore;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Api;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A restore writes only the wallets whose restored fields differ, and only the rows that differ: an unchanged wallet
 * gets no new row version (its {@code xmin} stays), the safety snapshot holds exactly the wallets written, the run
 * counts exactly them (as the plan did), and the undo puts them back. The clock is fixed, so that accruing gold makes
 * no wallet differ by the time passing between backup and restore.
 */
@QuarkusTest
class RestoreWritesWhatDiffersTest {

    private static final String CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";
    private static final int WALLETS = 400;
    /** Its gold differs (1% of the wallets with the two below). */
    private static final String GOLD = GameStateSeeder.demoAddress(11);
    /** Its player differs. */
    private static final String PLAYER = GameStateSeeder.demoAddress(22);
    /** Both differ: one wallet written. */
    private static final String BOTH = GameStateSeeder.demoAddress(33);
    private static final String SAME = GameStateSeeder.demoAddress(44);
    private static final String ALSO_SAME = GameStateSeeder.demoAddress(55);

    @Inject
    Db db;

    @Inject
    TestClock clock;

    private Instant now;

    @BeforeEach
    void seed() {
        db.reset();
        db.seed(1, WALLETS);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.set(now);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/restores").then()
                .log().ifValidationFails();
    }

    private static String request(long backupId, boolean dryRun, String targets) {
        return "{\"backupId\":" + backupId + ",\"dryRun\":" + dryRun
                + (dryRun ? "" : ",\"confirmationCode\":\"" + CODE + "\"")
                + (targets == null ? "" : ",\"targetWallets\":" + targets) + "}";
    }

    /**
     * Changes the gold of {@link #GOLD} and {@link #BOTH} and the player of {@link #PLAYER} and {@link #BOTH}. The gold
     * is written with the snapshot time and update time a restore at {@link #now} gives, so that an undo puts the rows
     * back exactly (no accrual between the two).
     */
    private void damage() {
        Timestamp at = Timestamp.from(now);
        db.update("UPDATE gold_mining SET accumulated_gold = 12345, last_snapshot_time = ?, updated_at = ? "
                + "WHERE wallet_address IN (?, ?)", at, at, GOLD, BOTH);
        db.update("UPDATE players SET level = level + 1, bank_balance = 7 WHERE wallet_address IN (?, ?)", PLAYER,
                BOTH);
    }

    /** Row versions: the address and the {@code xmin} of every row of {@code table}. */
    private Map<String, String> versions(String table) {
        return db.strings("SELECT wallet_address || ' ' || xmin::text FROM " + table).stream()
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), l -> l.substring(l.indexOf(' ') + 1)));
    }

    /** The wallets whose row in {@code table} has a new version since {@code before}. */
    private static Set<String> rewritten(Map<String, String> before, Map<String, String> after) {
        assertEquals(before.keySet(), after.keySet(), "no row added or removed");
        return before.keySet().stream().filter(w -> !before.get(w).equals(after.get(w)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> held(long backupId) {
        return new TreeSet<>(db.strings("SELECT wallet_address FROM gold_backup_wallets WHERE backup_id = ?",
                backupId));
    }

    @Test
    void aFullRestoreWritesExactlyTheWalletsThatDifferAndItsUndoPutsThemBack() {
        long id = Api.backup();
        damage();
        TableRows damaged = db.gameRows();
        Map<String, String> mining = versions("gold_mining");
        Map<String, String> players = versions("players");

        post(Tokens.operator(), request(id, true, null)).statusCode(200).body("walletsInScope", equalTo(WALLETS))
                .body("walletsToChange", equalTo(3));
        JsonPath run = post(Tokens.admin(), request(id, false, null)).statusCode(200)
                .body("walletsTotal", equalTo(WALLETS)).body("walletsChanged", equalTo(3))
                .body("walletsProcessed", equalTo(3)).extract().jsonPath();

        assertEquals(new TreeSet<>(List.of(GOLD, BOTH)), rewritten(mining, versions("gold_mining")),
                "gold_mining: only the rows whose gold differs get a new version");
        assertEquals(new TreeSet<>(List.of(PLAYER, BOTH)), rewritten(players, versions("players")),
                "players: only the rows whose player differs get a new version");
        long safety = run.getLong("safetyBackupId");
        assertEquals(new TreeSet<>(List.of(GOLD, PLAYER, BOTH)), held(safety),
                "the safety snapshot holds exactly the wallets written");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + safety).then().statusCode(200)
                .body("userDataCount", equalTo(3));

        post(Tokens.admin(), request(safety, false, null)).statusCode(200).body("walletsProcessed", equalTo(3));
        db.assertUnchanged(damaged, "the undo puts back exactly the state before the restore");
    }

    /**
     * Every live wallet differs (gold one higher, as of the restore's instant, so that the undo puts it back exactly):
     * the safety snapshot is taken as a backup of every wallet, and holds exactly them.
     */
    @Test
    void whenEveryLiveWalletDiffersTheSafetySnapshotHoldsEveryOne() {
        long id = Api.backup();
        Timestamp at = Timestamp.from(now);
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1, last_snapshot_time = ?, "
                + "updated_at = ?", at, at);
        db.execute("ANALYZE gold_mining"); // the estimate the restore asks before it counts
        TableRows damaged = db.gameRows();

        long safety = post(Tokens.admin(), request(id, false, null)).statusCode(200)
                .body("walletsChanged", equalTo(WALLETS)).body("walletsProcessed", equalTo(WALLETS)).extract()
                .jsonPath().getLong("safetyBackupId");

        assertEquals(new TreeSet<>(db.strings("SELECT wallet_address FROM gold_mining")), held(safety));
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + safety + "/verify").then().statusCode(200)
                .body("ok", equalTo(true)).body("walletCount", equalTo(WALLETS));
        post(Tokens.admin(), request(safety, false, null)).statusCode(200).body("walletsProcessed",
                equalTo(WALLETS));
        db.assertUnchanged(damaged, "the undo puts back exactly the state before the restore");
    }

    /**
     * Every wallet of the backup differs, but a live wallet the backup does not hold does not change: it stays out of
     * the safety snapshot, which holds the wallets the restore writes and no other.
     */
    @Test
    void aLiveWalletOutsideTheBackupStaysOutOfTheSafetySnapshot() {
        long id = Api.backup();
        db.seed(WALLETS + 1, 1);
        String newcomer = GameStateSeeder.demoAddress(WALLETS + 1);
        Timestamp at = Timestamp.from(now);
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1, last_snapshot_time = ?, "
                + "updated_at = ? WHERE wallet_address <> ?", at, at, newcomer);
        db.execute("ANALYZE gold_mining");

        long safety = post(Tokens.admin(), request(id, false, null)).statusCode(200)
                .body("walletsChanged", equalTo(WALLETS)).extract().jsonPath().getLong("safetyBackupId");

        Set<String> snapshot = held(safety);
        assertEquals(WALLETS, snapshot.size());
        assertFalse(snapshot.contains(newcomer), "the wallet the restore does not write is not held");
    }

    @Test
    void aTargetedRestoreWritesOnlyTheNamedWalletsThatDiffer() {
        long id = Api.backup();
        damage();
        TableRows damaged = db.gameRows();
        Map<String, String> mining = versions("gold_mining");
        Map<String, String> players = versions("players");
        String named = "[\"" + GOLD + "\",\"" + PLAYER + "\",\"" + SAME + "\",\"" + ALSO_SAME + "\"]";

        post(Tokens.operator(), request(id, true, named)).statusCode(200).body("walletsInScope", equalTo(4))
                .body("walletsToChange", equalTo(2));
        JsonPath run = post(Tokens.admin(), request(id, false, named)).statusCode(200)
                .body("walletsTotal", equalTo(4)).body("walletsChanged", equalTo(2))
                .body("walletsProcessed", equalTo(2)).extract().jsonPath();

        assertEquals(Set.of(GOLD), rewritten(mining, versions("gold_mining")), "BOTH is not named");
        assertEquals(Set.of(PLAYER), rewritten(players, versions("players")));
        long safety = run.getLong("safetyBackupId");
        assertEquals(new TreeSet<>(List.of(GOLD, PLAYER)), held(safety), "the unchanged named wallets are not held");

        post(Tokens.admin(), request(safety, false, null)).statusCode(200).body("walletsProcessed", equalTo(2));
        db.assertUnchanged(damaged, "the undo puts back exactly the state before the restore");
    }

    @Test
    void aRestoreWhereNothingDiffersWritesNothing() {
        long id = Api.backup();
        TableRows before = db.gameRows();
        Map<String, String> mining = versions("gold_mining");
        Map<String, String> players = versions("players");

        JsonPath run = post(Tokens.admin(), request(id, false, null)).statusCode(200)
                .body("walletsTotal", equalTo(WALLETS)).body("walletsChanged", equalTo(0))
                .body("walletsProcessed", equalTo(0)).extract().jsonPath();

        assertEquals(Set.of(), rewritten(mining, versions("gold_mining")));
        assertEquals(Set.of(), rewritten(players, versions("players")));
        assertEquals(Set.of(), held(run.getLong("safetyBackupId")), "an empty safety snapshot");
        db.assertUnchanged(before, "nothing written");
    }

    @Test
    void aMissingPlayerRowIsCreatedAndItsWalletCountedOnce() {
        long id = Api.backup();
        db.update("DELETE FROM players WHERE wallet_address IN (?, ?)", PLAYER, BOTH);
        db.update("UPDATE gold_mining SET accumulated_gold = 12345 WHERE wallet_address = ?", BOTH);
        Map<String, String> mining = versions("gold_mining");

        post(Tokens.operator(), request(id, true, null)).statusCode(200).body("walletsToChange", equalTo(2));
        JsonPath run = post(Tokens.admin(), request(id, false, null)).statusCode(200)
                .body("walletsChanged", equalTo(2)).body("walletsProcessed", equalTo(2)).extract().jsonPath();

        assertEquals(Set.of(BOTH), rewritten(mining, versions("gold_mining")));
        assertEquals(2, db.count("SELECT count(*) FROM players WHERE wallet_address IN (?, ?)", PLAYER, BOTH),
                "the player rows the backup holds come back");
        assertEquals(new TreeSet<>(List.of(PLAYER, BOTH)), held(run.getLong("safetyBackupId")));
    }
}
