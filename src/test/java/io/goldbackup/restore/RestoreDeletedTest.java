package io.goldbackup.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code restoreDeleted}: wallets deleted since the backup come back only when asked for, exactly as backed up; the
 * safety snapshot records them as absent before, and an undo with {@code restoreDeleted} deletes exactly them again
 * (never one that owns meks now) while putting every other wallet back.
 */
@QuarkusTest
class RestoreDeletedTest {

    private static final String CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";
    /** Live all along. */
    private static final String A = GameStateSeeder.demoAddress(6001);
    private static final String B = GameStateSeeder.demoAddress(6002);
    /** Deleted after the backup, mining and player rows. */
    private static final String GONE = GameStateSeeder.demoAddress(6003);
    /** Its mining row deleted after the backup; its player row stays (and changes). */
    private static final String HALF = GameStateSeeder.demoAddress(6004);
    /** Deleted after the backup too, never named in a targeted restore. */
    private static final String OTHER = GameStateSeeder.demoAddress(6005);
    /** Created after the backup. */
    private static final String LATE = GameStateSeeder.demoAddress(6006);

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/restores").then().log().ifValidationFails();
    }

    private static String request(long backupId, boolean dryRun, boolean restoreDeleted, String extra) {
        return "{\"backupId\":" + backupId + ",\"dryRun\":" + dryRun + ",\"restoreDeleted\":" + restoreDeleted
                + (dryRun ? "" : ",\"confirmationCode\":\"" + CODE + "\"") + extra + "}";
    }

    private static String targets(String... wallets) {
        return ",\"targetWallets\":[\"" + String.join("\",\"", wallets) + "\"]";
    }

    private static long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    /** Wallets whose gold does not accrue (not verified), so that values compare exactly; each with a player. */
    private void wallets() {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        int n = 1;
        for (String w : List.of(A, B, GONE, HALF, OTHER)) {
            db.insertWallet(w, 1000 * n, 10 * n, hourAgo, false, 0);
            db.insertPlayer(w, n, 100L * n, 10.5 * n);
            db.insertMek(w, "mek-" + n, 10 * n);
            n++;
        }
    }

    /** Since the backup: gold changed, three wallets' mining rows deleted, one player kept and changed. */
    private void incident() {
        db.update("UPDATE gold_mining SET accumulated_gold = 1, total_gold_per_hour = 99");
        for (String w : List.of(GONE, HALF, OTHER)) {
            db.update("DELETE FROM owned_meks WHERE wallet_address = ?", w);
            db.update("DELETE FROM gold_mining WHERE wallet_address = ?", w);
        }
        db.update("DELETE FROM players WHERE wallet_address IN (?, ?)", GONE, OTHER);
        db.update("UPDATE players SET level = 77, experience = 7777, bank_balance = 7.5 WHERE wallet_address = ?",
                HALF);
        db.insertWallet(LATE, 5, 1, Instant.now(), false, 0);
    }

    /** The game's values a restore or undo may touch, wallet by wallet, and the meks. */
    private List<String> game() {
        List<String> values = new ArrayList<>(db.strings("""
                SELECT 'mining ' || wallet_address || ':' || accumulated_gold || ':' || total_gold_per_hour
                FROM gold_mining ORDER BY 1
                """));
        values.addAll(db.strings("""
                SELECT 'player ' || wallet_address || ':' || level || ':' || experience || ':' || bank_balance
                FROM players ORDER BY 1
                """));
        values.addAll(db.strings("SELECT 'mek ' || wallet_address || ':' || asset_id FROM owned_meks ORDER BY 1"));
        return values;
    }

    /** In address order, as samples and ORDER BY list them. */
    private static List<String> sorted(String... values) {
        return java.util.Arrays.stream(values).sorted().toList();
    }

    private long live(String wallet) {
        return db.count("SELECT count(*) FROM gold_mining WHERE wallet_address = ?", wallet);
    }

    /** The wallet's mining and player rows are the backup's row: gold at backup time, rate, activity, player. */
    private void assertAsBackedUp(long backupId, String wallet) {
        assertEquals(1L, db.count("""
                SELECT count(*) FROM gold_mining g
                JOIN gold_backup_wallets b ON b.wallet_address = g.wallet_address AND b.backup_id = ?
                JOIN players p ON p.wallet_address = g.wallet_address
                WHERE g.wallet_address = ? AND g.accumulated_gold = b.current_gold
                  AND g.total_gold_per_hour = b.gold_per_hour AND g.last_active_time = b.last_active_time
                  AND p.level = b.level AND p.experience = b.experience AND p.bank_balance = b.bank_balance
                """, backupId, wallet), wallet + " is as the backup has it");
    }

    @Test
    void deletedWalletsAreRecreatedOnlyWhenAskedFor() {
        db.seed(1, 20);
        long id = backup();
        String gone = GameStateSeeder.demoAddress(5);
        db.update("DELETE FROM owned_meks WHERE wallet_address = ?", gone);
        db.update("DELETE FROM players WHERE wallet_address = ?", gone);
        db.update("DELETE FROM gold_mining WHERE wallet_address = ?", gone);

        String plain = post(request(id, true, false, "")).statusCode(200)
                .body("walletsToRecreate", equalTo(0)).body("backupWalletsNotLive.count", equalTo(1))
                .body("walletsToDelete.count", equalTo(0)).body("recreatedWalletsKept.count", equalTo(0))
                .body("warnings", hasSize(0)).extract().jsonPath().getString("fingerprint");
        post(request(id, false, false, "")).statusCode(200).body("walletsRecreated", equalTo(null));
        assertEquals(0L, live(gone), "not re-created unless asked for");

        String recreating = post(request(id, true, true, "")).statusCode(200)
                .body("walletsToRecreate", equalTo(1)).body("backupWalletsNotLive.sample", equalTo(List.of(gone)))
                .extract().jsonPath().getString("fingerprint");
        assertNotEquals(plain, recreating, "another plan, another fingerprint");

        // The restore just before wrote the 19 live wallets; since then only those whose gold accrues differ again.
        long stillAsRestored = db.count("SELECT count(*) FROM gold_mining WHERE NOT (is_blockchain_verified "
                + "AND consecutive_snapshot_failures < 3 AND total_gold_per_hour > 0)");
        assertTrue(stillAsRestored > 0, "the seed has wallets that do not accrue");
        post(request(id, false, true, ",\"fingerprint\":\"" + recreating + "\"")).statusCode(200)
                .body("walletsChanged", equalTo((int) (19 - stillAsRestored)))
                .body("walletsProcessed", equalTo((int) (19 - stillAsRestored + 1)))
                .body("walletsRecreated", equalTo(1));
        assertEquals(1L, db.count("""
                SELECT count(*) FROM gold_mining g JOIN gold_backup_wallets b
                  ON b.wallet_address = g.wallet_address AND b.backup_id = ?
                WHERE g.wallet_address = ? AND g.accumulated_gold = b.current_gold
                  AND g.total_gold_per_hour = b.gold_per_hour
                """, id, gone), "re-created as the backup has it");
        assertEquals(1L, db.count("""
                SELECT count(*) FROM players p JOIN gold_backup_wallets b
                  ON b.wallet_address = p.wallet_address AND b.backup_id = ?
                WHERE p.wallet_address = ? AND p.level = b.level AND p.bank_balance = b.bank_balance
                """, id, gone), "its player row too");
    }

    @Test
    void aFullRestoreRecreatesAndItsUndoDeletesExactlyThoseWalletsAndPutsBackTheRest() {
        wallets();
        long id = backup();
        incident();
        List<String> before = game();

        post(request(id, true, true, "")).statusCode(200).body("walletsInScope", equalTo(2))
                .body("walletsToRecreate", equalTo(3))
                .body("backupWalletsNotLive.sample", equalTo(sorted(GONE, HALF, OTHER)))
                .body("walletsToDelete.count", equalTo(0));
        JsonPath run = post(request(id, false, true, "")).statusCode(200).body("walletsRecreated", equalTo(3))
                .body("walletsDeleted", equalTo(null)).body("walletsProcessed", equalTo(5)).extract().jsonPath();
        for (String w : List.of(A, B, GONE, HALF, OTHER)) {
            assertAsBackedUp(id, w);
        }
        assertEquals(5.0, ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?",
                LATE)).doubleValue(), "a wallet created after the backup is untouched");
        long safety = run.getLong("safetyBackupId");
        assertEquals(sorted(GONE + ":false", HALF + ":true:77:7777:7.5", OTHER + ":false"), db.strings("""
                SELECT wallet_address || ':' || player_existed
                       || coalesce(':' || player_level || ':' || player_experience || ':' || player_bank_balance, '')
                FROM restore_recreated_wallets WHERE backup_id = ? ORDER BY 1
                """, safety), "the safety snapshot records the wallets that did not exist, and the player rows then");
        assertEquals(sorted(A, B), db.strings(
                "SELECT wallet_address FROM gold_backup_wallets WHERE backup_id = ? ORDER BY 1", safety));

        // Without restoreDeleted an undo leaves them, and says so.
        TableRows restored = db.gameRows();
        post(request(safety, true, false, "")).statusCode(200).body("walletsToDelete.count", equalTo(0))
                .body("recreatedWalletsKept.count", equalTo(3))
                .body("warnings[0]", containsString("send restoreDeleted: true to delete them again"));
        db.assertUnchanged(restored, "a dry run changes nothing");
        JsonPath plan = post(request(safety, true, true, "")).statusCode(200).body("walletsInScope", equalTo(2))
                .body("walletsToDelete.count", equalTo(3))
                .body("walletsToDelete.sample", equalTo(sorted(GONE, HALF, OTHER)))
                .body("recreatedWalletsKept.count", equalTo(0)).body("warnings", hasSize(0))
                .body("walletsToRecreate", equalTo(0)).body("targetsNotInBackup", hasSize(0)).extract().jsonPath();
        db.assertUnchanged(restored, "a dry run changes nothing");

        JsonPath undo = post(request(safety, false, true, ",\"fingerprint\":\"" + plan.getString("fingerprint")
                + "\"")).statusCode(200).body("walletsDeleted", equalTo(3)).body("recreatedWalletsKept", equalTo(0))
                .body("walletsRecreated", equalTo(0)).body("warnings", hasSize(0)).extract().jsonPath();
        assertEquals(before, game(), "the undo deleted the re-created wallets, put the player row it found back, "
                + "and restored the rest");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/restores/" + undo.getLong("id")).then()
                .body("walletsDeleted", equalTo(3));

        // The undo's own safety snapshot holds the wallets it deleted, so it can be undone in turn.
        long again = undo.getLong("safetyBackupId");
        assertEquals(sorted(A, B, GONE, HALF, OTHER), db.strings(
                "SELECT wallet_address FROM gold_backup_wallets WHERE backup_id = ? ORDER BY 1", again));
        post(request(again, false, true, "")).statusCode(200).body("walletsRecreated", equalTo(3));
        for (String w : List.of(GONE, OTHER)) {
            assertEquals(1L, live(w), w + " is back once more");
        }
    }

    @Test
    void aTargetedRestoreRecreatesOnlyItsTargetAndItsUndoDeletesOnlyThat() {
        wallets();
        long id = backup();
        incident();
        List<String> before = game();

        post(request(id, true, true, targets(A, GONE))).statusCode(200).body("walletsInScope", equalTo(1))
                .body("walletsToRecreate", equalTo(1)).body("backupWalletsNotLive.count", equalTo(1))
                .body("backupWalletsNotLive.sample", equalTo(List.of(GONE)));
        long safety = post(request(id, false, true, targets(A, GONE))).statusCode(200)
                .body("walletsRecreated", equalTo(1)).body("walletsProcessed", equalTo(2)).extract().jsonPath()
                .getLong("safetyBackupId");
        assertAsBackedUp(id, A);
        assertAsBackedUp(id, GONE);
        assertEquals(0L, live(HALF) + live(OTHER), "deleted wallets not named stay deleted");
        assertEquals(1.0, ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?",
                B)).doubleValue(), "a wallet not named is untouched");

        // The console's undo: the whole safety snapshot, with restoreDeleted.
        post(request(safety, true, true, "")).statusCode(200).body("walletsToDelete.sample", equalTo(List.of(GONE)));
        post(request(safety, false, true, "")).statusCode(200).body("walletsDeleted", equalTo(1));
        assertEquals(before, game());
    }

    @Test
    void anUndoKeepsARecreatedWalletThatOwnsMeksNowAndSaysSo() {
        wallets();
        long id = backup();
        incident();
        long safety = post(request(id, false, true, "")).statusCode(200).extract().jsonPath()
                .getLong("safetyBackupId");
        String fingerprint = post(request(safety, true, true, "")).statusCode(200)
                .body("walletsToDelete.count", equalTo(3)).extract().jsonPath().getString("fingerprint");

        // The game gives a re-created wallet a mek: an undo must not delete it (nor cascade to the game's mek).
        db.insertMek(GONE, "mek-new", 42);
        TableRows changed = db.liveRows();
        post(request(safety, false, true, ",\"fingerprint\":\"" + fingerprint + "\"")).statusCode(409)
                .body("detail", containsString("changed since the dry run"));
        db.assertUnchanged(changed, "a stale plan is refused and changes nothing");

        post(request(safety, true, true, "")).statusCode(200).body("walletsToDelete.count", equalTo(2))
                .body("walletsToDelete.sample", equalTo(sorted(HALF, OTHER)))
                .body("recreatedWalletsKept.sample", equalTo(List.of(GONE)))
                .body("warnings[0]", containsString("own meks now and are not deleted"));
        JsonPath undo = post(request(safety, false, true, "")).statusCode(200).body("walletsDeleted", equalTo(2))
                .body("recreatedWalletsKept", equalTo(1))
                .body("warnings[0]", containsString(GONE)).extract().jsonPath();
        assertEquals(1L, live(GONE), "kept");
        assertEquals(1L, db.count("SELECT count(*) FROM owned_meks WHERE wallet_address = ?", GONE), "its mek too");
        assertEquals(1L, db.count("SELECT count(*) FROM players WHERE wallet_address = ?", GONE));
        assertEquals(0L, live(HALF) + live(OTHER), "the others deleted again");
        assertEquals(List.of("77:7777:7.5"), db.strings(
                "SELECT level || ':' || experience || ':' || bank_balance FROM players WHERE wallet_address = ?",
                HALF), "a player row that existed before gets its values back");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/restores/" + undo.getLong("id")).then()
                .body("warnings", hasSize(1)).body("recreatedWalletsKept", equalTo(1));
    }

    @Test
    void onlyAnUndoDeletesAndOnlyWhatItsRestoreRecreated() {
        wallets();
        long id = backup();
        incident();
        long safety = post(request(id, false, true, "")).statusCode(200).extract().jsonPath()
                .getLong("safetyBackupId");
        // A restore of a backup that is no safety snapshot deletes nothing, restoreDeleted or not.
        post(request(id, false, true, "")).statusCode(200).body("walletsDeleted", equalTo(null));
        assertEquals(5L, db.count("SELECT count(*) FROM gold_mining WHERE wallet_address <> ?", LATE));
        post(request(safety, false, false, "")).statusCode(200).body("walletsDeleted", equalTo(0))
                .body("recreatedWalletsKept", equalTo(3));
        assertEquals(6L, db.count("SELECT count(*) FROM gold_mining"), "an undo without restoreDeleted deletes none");
        assertTrue(db.count("SELECT count(*) FROM restore_recreated_wallets") >= 3);
        // Deleting the safety snapshot takes its record with it.
        given().auth().oauth2(Tokens.admin()).delete("/api/v1/backups/" + safety
                + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then().statusCode(204);
        assertEquals(0L, db.count("SELECT count(*) FROM restore_recreated_wallets WHERE backup_id = ?", safety));
        assertEquals(6L, db.count("SELECT count(*) FROM gold_mining"));
    }
}
