package io.goldbackup.drill;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.backup.Forgery;
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
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restore drills through the API on the real database: a healthy backup passes every invariant and leaves no scratch
 * table and no change to the game's tables; a backup with a row changed in SQL fails its checksum; bad input is a 400
 * naming the field, a viewer cannot run a drill, and nothing of a refused request remains.
 */
@QuarkusTest
class DrillTest {

    static final List<String> INVARIANTS = List.of("checksum", "wallet-count", "totals", "top-wallets",
            "restored-fields", "gold-rule");

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM drills");
        db.seed(1, 300);
        // A wallet without a player row (its level, experience and bank balance stay empty) and one that accrues.
        db.insertWallet("stake1u9lonelywallet0000000000000000000000000000000000000", 12.5, 0, null, false, 0);
        db.insertWallet("stake1u9accruingwallet00000000000000000000000000000000000", 100, 4,
                Instant.now().minusSeconds(7200), true, 0);
    }

    @AfterEach
    void clear() {
        db.execute("DELETE FROM drills");
    }

    static long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    static ValidatableResponse drill(String body) {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/drills").then();
    }

    private long scratchTables() {
        return db.count("SELECT count(*) FROM pg_class WHERE relname LIKE 'gold_backup_drill_%'");
    }

    @Test
    void aDrillOfAHealthyBackupPassesEveryInvariantAndLeavesNothing() {
        long id = backup();
        TableRows before = db.liveRows();

        var response = drill("{}").statusCode(201)
                .body("backupId", equalTo((int) id))
                .body("source", equalTo("database"))
                .body("status", equalTo("passed"))
                .body("walletCount", equalTo(302))
                .body("durationMs", notNullValue())
                .body("withinRecoveryObjective", equalTo(true))
                .body("triggeredBy", equalTo("operator-1"))
                .body("invariants.ok", everyItem(equalTo(true)))
                .extract();
        JsonPath drill = response.jsonPath();
        assertTrue(response.header("Location").endsWith("/api/v1/drills/" + drill.getLong("id")));
        assertEquals(INVARIANTS, drill.getList("invariants.name"));
        assertTrue(drill.getString("invariants.find { it.name == 'wallet-count' }.detail")
                .startsWith("302 wallets restored; the backup recorded 302 and its rows hold 302"));
        assertFalse(drill.getMap("").containsKey("target"));
        assertFalse(drill.getMap("").containsKey("error"));

        db.assertUnchanged(before, "a drill never touches the game's tables or the backups");
        assertEquals(0, scratchTables(), "no scratch table remains");
        long drillId = drill.getLong("id");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills/" + drillId).then().statusCode(200)
                .body("status", equalTo("passed")).body("invariants.size()", equalTo(6))
                .body("finishedAt", notNullValue()).body("startedAt", notNullValue());
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills").then().statusCode(200)
                .body("[0].id", equalTo((int) drillId));
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events a JOIN drills d ON d.operation_id = "
                + "a.operation_id WHERE d.id = ? AND a.action = 'drill.run' AND a.outcome = 'succeeded' AND a.actor = "
                + "'operator-1'", drillId));
        assertEquals(drill.getString("durationMs"),
                String.valueOf(db.single("SELECT duration_ms FROM drills WHERE id = ?", drillId)));
    }

    @Test
    void aDrillOfATamperedBackupFailsItsChecksumAndSaysSo() {
        long id = backup();
        db.update("UPDATE gold_backup_wallets SET current_gold = current_gold + 1 WHERE backup_id = ? AND "
                + "wallet_address = (SELECT min(wallet_address) FROM gold_backup_wallets WHERE backup_id = ?)", id, id);

        JsonPath drill = drill("{\"backupId\":" + id + "}").statusCode(201)
                .body("status", equalTo("failed"))
                .body("invariants.find { it.name == 'checksum' }.ok", equalTo(false))
                .extract().jsonPath();
        assertEquals("corrupt", db.single("SELECT status FROM gold_backups WHERE id = ?", id),
                "the drill's verification found it: the backup is marked corrupt");
        // The restore itself is faithful to the rows it was given: only the integrity check can tell.
        assertEquals(true, drill.getBoolean("invariants.find { it.name == 'restored-fields' }.ok"));
        assertEquals(0, scratchTables());
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events a JOIN drills d ON d.operation_id = "
                + "a.operation_id WHERE d.id = ? AND a.action = 'drill.run' AND a.outcome = 'failed' AND a.detail LIKE "
                + "'%checksum%'", drill.getLong("id")));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills/" + drill.getLong("id")).then()
                .body("status", equalTo("failed"));
    }

    @Test
    void aDrillOfABackupForgedWithItsChecksumRecomputedFailsOnTheSealAndMarksItCorrupt() {
        long id = backup();
        Forgery.forge(db, id, GameStateSeeder.demoAddress(3));

        JsonPath drill = drill("{\"backupId\":" + id + "}").statusCode(201)
                .body("status", equalTo("failed"))
                .body("invariants.find { it.name == 'checksum' }.ok", equalTo(false))
                .body("invariants.find { it.name == 'checksum' }.detail", containsString("seal"))
                .extract().jsonPath();
        assertEquals(true, drill.getBoolean("invariants.find { it.name == 'restored-fields' }.ok"),
                "the forged rows restore faithfully: only the seal tells");
        assertEquals("corrupt", db.single("SELECT status FROM gold_backups WHERE id = ?", id));
        assertEquals(0, scratchTables());
    }

    @Test
    void withPreferRespondAsyncADrillAnswers202AndItsLocationShowsHowItEnded() throws InterruptedException {
        long id = backup();
        var accepted = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .header("Prefer", "respond-async").body("{\"backupId\":" + id + "}").post("/api/v1/drills").then()
                .statusCode(202).header("Preference-Applied", "respond-async")
                .body("status", equalTo("running")).body("backupId", equalTo((int) id)).extract();
        String location = accepted.header("Location");
        assertTrue(location.matches(".*/api/v1/drills/\\d+"), location);

        String status = "running";
        for (int i = 0; i < 300 && "running".equals(status); i++) {
            Thread.sleep(100);
            status = given().auth().oauth2(Tokens.viewer()).get(location).then().statusCode(200).extract().jsonPath()
                    .getString("status");
        }
        assertEquals("passed", status);
        given().auth().oauth2(Tokens.viewer()).get(location).then().body("invariants.ok", everyItem(equalTo(true)));
        long drillId = accepted.jsonPath().getLong("id");
        for (int i = 0; i < 50 && db.count("SELECT count(*) FROM audit_events a JOIN drills d ON d.operation_id = "
                + "a.operation_id WHERE d.id = ? AND a.action = 'drill.run'", drillId) == 0; i++) {
            Thread.sleep(100); // the event is written when the background part has ended, just after the row
        }
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events a JOIN drills d ON d.operation_id = "
                + "a.operation_id WHERE d.id = ? AND a.action = 'drill.run' AND a.outcome = 'succeeded' AND a.actor = "
                + "'operator-1' AND a.parameters->>'async' = 'true'", drillId));
        assertEquals(0, scratchTables());

        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body("{\"source\":\"tape\"}").post("/api/v1/drills").then().statusCode(400)
                .body("violations[0].field", equalTo("source"));
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body("{}").post("/api/v1/drills").then().statusCode(403);
        assertEquals(1L, db.count("SELECT count(*) FROM drills"), "refusals decided up front start no drill");
    }

    @Test
    void badInputIsA400NamingTheFieldAndRunsNothing() {
        long id = backup();
        TableRows before = db.liveRows();
        Map<String, String> cases = Map.of(
                "{\"source\":\"tape\"}", "source",
                "{\"source\":\"database\",\"target\":\"primary\"}", "target",
                "{\"source\":\"offsite\"}", "target",
                "{\"source\":\"offsite\",\"target\":\"primary\"}", "target",
                "{\"backupId\":0}", "backupId",
                "{\"backupId\":1.5}", "backupId",
                "{\"backupId\":\"one\"}", "backupId",
                "{\"sourse\":\"database\"}", "sourse");
        cases.forEach((body, field) -> drill(body).statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo(field)));
        drill("{\"backupId\":" + (id + 1000) + "}").statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body("{}").post("/api/v1/drills").then()
                .statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/drills").then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills?limit=0").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills/abc").then().statusCode(400);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills/424242").then().statusCode(404);
        assertEquals(0L, db.count("SELECT count(*) FROM drills"));
        db.assertUnchanged(before, "refused drills change nothing");
    }

    @Test
    void withoutACompletedBackupADrillIsAConflict() {
        db.reset();
        drill("{}").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no completed backup"));
        assertEquals(0L, db.count("SELECT count(*) FROM drills"));
    }

    @Test
    void theLogIsPagedNewestFirst() {
        backup();
        long first = drill("{}").statusCode(201).extract().jsonPath().getLong("id");
        // No body at all is the same as {}: every default.
        long second = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).post("/api/v1/drills")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills?limit=1").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].id", equalTo((int) second));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills?limit=5&before=" + second).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].id", equalTo((int) first));
    }
}
