package io.goldbackup.backup;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class BackupApiTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
    }

    static long createBackup(String type, String name) {
        String body = name == null
                ? "{\"backupType\":\"" + type + "\"}"
                : "{\"backupType\":\"" + type + "\",\"backupName\":\"" + name + "\"}";
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void createdBackupIsCompletedWithEveryRecordedFigure() {
        db.seed(1, 50);
        Response created = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\",\"backupName\":\"Before patch 1.2\",\"notes\":\"übung ✓\"}")
                .post("/api/v1/backups");
        created.then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/backups/\\d+$"))
                .body("status", equalTo("completed"))
                .body("backupType", equalTo("manual"))
                .body("backupName", equalTo("Before patch 1.2"))
                .body("notes", equalTo("übung ✓"))
                .body("triggeredBy", equalTo("operator-1"))
                .body("totalUsersBackedUp", equalTo(50))
                .body("snapshotVersion", equalTo(2))
                .body("checksum", matchesPattern("[0-9a-f]{64}"))
                .body("warnings", hasSize(0));
        long id = created.jsonPath().getLong("id");
        assertTrue(created.jsonPath().getLong("sizeBytes") > 0);
        assertTrue(created.jsonPath().getLong("durationMs") >= 0);
        assertEquals(50, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", id));
        // The rows live in the backup's own partition, attached to the parent.
        assertEquals(1, db.count("""
                SELECT count(*) FROM pg_inherits
                WHERE inhrelid = to_regclass(?) AND inhparent = 'gold_backup_wallets'::regclass
                """, "gold_backup_wallets_" + id));
        // Retention is fixed at creation: manual backups are kept 30 days.
        Object expires = db.single("SELECT expires_at - backup_timestamp = interval '30 days' FROM gold_backups "
                + "WHERE id = ?", id);
        assertEquals(Boolean.TRUE, expires);
    }

    @Test
    void defaultNamesFollowTheSeed() {
        db.seed(1, 3);
        long daily = createBackup("auto_daily", null);
        long update = createBackup("pre_update", "v2.3 rollout");
        long migration = createBackup("pre_migration", null);
        long emergency = createBackup("emergency", "Emergency gold exploit");
        long manual = createBackup("manual", null);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertEquals("Auto Daily " + today, name(daily));
        assertEquals("Pre-update v2.3 rollout", name(update));
        assertTrue(name(migration).startsWith("Pre-migration " + today), name(migration));
        assertEquals("Emergency gold exploit", name(emergency));
        assertTrue(name(manual).startsWith("Manual " + today), name(manual));
    }

    @Test
    void secondDailyBackupOfADayIsAConflict() {
        db.seed(1, 3);
        createBackup("auto_daily", null);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"backupType\":\"auto_daily\"}")
                .post("/api/v1/backups")
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(1, db.count("SELECT count(*) FROM gold_backups"));
    }

    private String name(long id) {
        return (String) db.single("SELECT backup_name FROM gold_backups WHERE id = ?", id);
    }

    @Test
    void listIsNewestFirstAndFilters() {
        db.seed(1, 5);
        long first = createBackup("manual", "one");
        long second = createBackup("emergency", null);
        long third = createBackup("manual", "three");
        List<Long> ids = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups")
                .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertEquals(List.of(third, second, first), ids);
        given().auth().oauth2(Tokens.viewer()).queryParam("type", "manual").queryParam("limit", 1)
                .get("/api/v1/backups")
                .then().statusCode(200).body("id", equalTo(List.of((int) third)))
                .body("[0].ageHours", equalTo(0)).body("[0].ageDays", equalTo(0));
        given().auth().oauth2(Tokens.viewer()).queryParam("status", "failed").get("/api/v1/backups")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void detailsAggregateOverAllRowsNotAPage() {
        db.seed(1, 1500);
        long id = createBackup("manual", "big");
        double expectedGold = ((Number) db.single(
                "SELECT sum(current_gold) FROM gold_backup_wallets WHERE backup_id = ?", id)).doubleValue();
        double liveRate = ((Number) db.single("SELECT sum(total_gold_per_hour) FROM gold_mining")).doubleValue();
        Response details = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id);
        details.then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("userDataCount", equalTo(1500))
                .body("totalMeks", equalTo(1500 * 8))
                .body("topUsers", hasSize(5))
                .body("topUsers[0].walletAddress", containsString("..."));
        assertEquals(expectedGold, details.jsonPath().getDouble("totalGold"), 1e-6 * expectedGold);
        assertEquals(liveRate, details.jsonPath().getDouble("totalGoldPerHour"), 1e-6 * liveRate);
        assertEquals(expectedGold / 1500, details.jsonPath().getDouble("averageGold"), 1e-6 * expectedGold);
        List<Double> top = details.jsonPath().getList("topUsers.currentGold", Double.class);
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i - 1) >= top.get(i));
        }
        double max = ((Number) db.single("SELECT max(current_gold) FROM gold_backup_wallets WHERE backup_id = ?", id))
                .doubleValue();
        assertEquals(max, top.get(0), max * 1e-6);
    }

    @Test
    void topWalletsAreWholeForOperatorsAndAdminsAndMaskedForViewers() {
        db.seed(1, 20);
        long id = createBackup("manual", "top");
        List<String> top = db.strings("SELECT wallet_address FROM gold_backup_wallets WHERE backup_id = ? "
                + "ORDER BY current_gold DESC, wallet_address LIMIT 5", id);
        assertEquals(5, top.size());
        List<String> masked = top.stream()
                .map(a -> a.substring(0, 10) + "..." + a.substring(a.length() - 6)).toList();
        for (String token : List.of(Tokens.operator(), Tokens.admin())) {
            assertEquals(top, given().auth().oauth2(token).get("/api/v1/backups/" + id).then().statusCode(200)
                    .extract().jsonPath().getList("topUsers.walletAddress", String.class));
        }
        assertEquals(masked, given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then()
                .statusCode(200).extract().jsonPath().getList("topUsers.walletAddress", String.class));
    }

    @Test
    void walletPagesCoverEveryRowOnceInAddressOrder() {
        db.seed(1, 250);
        long id = createBackup("manual", "paged");
        Set<String> seen = new HashSet<>();
        String after = null;
        String previous = "";
        int pages = 0;
        while (true) {
            var request = given().auth().oauth2(Tokens.viewer()).queryParam("limit", 100);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get("/api/v1/backups/" + id + "/wallets");
            page.then().statusCode(200);
            List<String> addresses = page.jsonPath().getList("walletAddress", String.class);
            pages++;
            for (String a : addresses) {
                assertTrue(a.compareTo(previous) > 0, "address order");
                assertTrue(seen.add(a), "each row once");
                previous = a;
            }
            if (addresses.size() < 100) {
                assertNull(page.getHeader("Link"));
                break;
            }
            assertTrue(page.getHeader("Link").contains("rel=\"next\""));
            after = addresses.get(addresses.size() - 1);
        }
        assertEquals(3, pages);
        assertEquals(250, seen.size());
        List<String> live = db.strings("SELECT wallet_address FROM gold_mining");
        assertEquals(new HashSet<>(live), seen);
    }

    @Test
    void walletHistoryListsTheWalletInEachBackupNewestFirst() {
        db.seed(1, 10);
        String address = GameStateSeeder.demoAddress(3);
        long first = createBackup("manual", "h1");
        db.update("UPDATE gold_mining SET accumulated_gold = 42, is_blockchain_verified = false "
                + "WHERE wallet_address = ?", address);
        long second = createBackup("manual", "h2");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/wallets/" + address + "/backups")
                .then().statusCode(200)
                .body("backupId", equalTo(List.of((int) second, (int) first)))
                .body("[0].wallet.walletAddress", equalTo(address))
                .body("[0].wallet.currentGold", equalTo(42.0))
                .body("[0].wallet.mekCount", equalTo(8));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/wallets/" + GameStateSeeder.demoAddress(999) + "/backups")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void verifyIsOkUntilARowChanges() {
        db.seed(1, 20);
        long id = createBackup("manual", "verify");
        String recorded = (String) db.single("SELECT checksum FROM gold_backups WHERE id = ?", id);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("walletCount", equalTo(20))
                .body("expectedChecksum", equalTo(recorded)).body("actualChecksum", equalTo(recorded));
        db.update("UPDATE gold_backup_wallets SET current_gold = current_gold + 0.001 WHERE backup_id = ? "
                + "AND wallet_address = ?", id, GameStateSeeder.demoAddress(7));
        String actual = given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify")
                .then().statusCode(200).body("ok", equalTo(false)).body("expectedChecksum", equalTo(recorded))
                .extract().jsonPath().getString("actualChecksum");
        assertNotEquals(recorded, actual);
    }

    @Test
    void deleteDropsThePartitionAndTheRow() {
        db.seed(1, 10);
        long keep = createBackup("manual", "keep");
        long id = createBackup("manual", "delete me");
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);
        assertEquals(0, db.count("SELECT count(*) FROM gold_backups WHERE id = ?", id));
        assertNull(db.single("SELECT to_regclass(?)::text", "gold_backup_wallets_" + id));
        assertEquals(10, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", keep));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Backup " + id + " does not exist."));
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(404);
    }

    @Test
    void aDeleteWithoutItsConfirmationCodeIsRefusedAuditedAndChangesNothing() {
        db.seed(1, 10);
        long id = createBackup("manual", "keep me");
        TableRows before = db.liveRows();
        String refused = "SELECT count(*) FROM audit_events WHERE action = 'backup.delete' AND outcome = 'refused' "
                + "AND target = 'backup/" + id + "'";
        for (String query : List.of("", "?confirmationCode=", "?confirmationCode=yes",
                "?confirmationCode=delete_gold_backup_confirmed", "?confirmationCode=RESTORE_GOLD_BACKUP_CONFIRMED",
                "?confirmationCode=CLEANUP_GOLD_BACKUPS_CONFIRMED")) {
            given().auth().oauth2(Tokens.admin()).delete("/api/v1/backups/" + id + query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("confirmationCode"))
                    .body("violations[0].message", equalTo("must be DELETE_GOLD_BACKUP_CONFIRMED to delete a backup"));
        }
        given().auth().oauth2(Tokens.operator()).delete("/api/v1/backups/" + id
                + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then().statusCode(403);
        db.assertUnchanged(before, "a refused delete changes nothing");
        assertEquals(10, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", id));
        assertEquals(6, db.count(refused), "each refusal is audited as refused");
    }

    @Test
    void aFailedBackupIsRecordedFailedAndLeavesNoRows() {
        db.seed(1, 10);
        // Occupy the name of the next backup's table, so its snapshot fails half-way.
        long probe = createBackup("manual", "probe");
        long next = probe + 1;
        db.execute("CREATE TABLE gold_backup_wallets_" + next + " (x int)");
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"backupType\":\"manual\"}")
                .post("/api/v1/backups")
                .then().statusCode(500).contentType("application/problem+json")
                .body("detail", startsWith("Backup " + next + " failed: snapshot failed:"));
        db.execute("DROP TABLE gold_backup_wallets_" + next);
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE id = ?", next));
        assertFalse(((String) db.single("SELECT error FROM gold_backups WHERE id = ?", next)).isBlank());
        assertEquals(0, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", next));
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + next + "/verify")
                .then().statusCode(409);
        // The failed backup is listed as failed, never as completed.
        given().auth().oauth2(Tokens.viewer()).queryParam("status", "failed").get("/api/v1/backups")
                .then().statusCode(200).body("id", equalTo(List.of((int) next)));
    }
}
