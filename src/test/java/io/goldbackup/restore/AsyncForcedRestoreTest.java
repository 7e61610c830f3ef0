package io.goldbackup.restore;

import java.time.Duration;
import java.time.Instant;

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
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore with {@code Prefer: respond-async} from a corrupt backup has the synchronous restore's rules: a backup
 * marked corrupt is refused up front (409, no run) without {@code force}; {@code force} needs backup-admin (403 up
 * front); a backup that fails the verification the run makes in the background ends the run refused and is marked
 * corrupt; an admin's forced restore completes, from a corrupt backup and from one that fails that verification, and
 * is audited as forced.
 */
@QuarkusTest
class AsyncForcedRestoreTest {

    private static final String CODE = "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"";
    private static final String TAMPERED = GameStateSeeder.demoAddress(4);

    @Inject
    Db db;

    private long auditMark;

    @BeforeEach
    void reset() {
        auditMark = db.count("SELECT coalesce(max(id), 0) FROM audit_events");
        db.reset();
        db.seed(1, 20);
    }

    private static long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    /** Changes one row of the backup: its rows no longer hash to its checksum. */
    private double tamper(long id) {
        db.update("UPDATE gold_backup_wallets SET current_gold = current_gold + 1000000 WHERE backup_id = ? AND "
                + "wallet_address = ?", id, TAMPERED);
        return ((Number) db.single("SELECT current_gold FROM gold_backup_wallets WHERE backup_id = ? AND "
                + "wallet_address = ?", id, TAMPERED)).doubleValue();
    }

    private static ValidatableResponse restoreAsync(String token, long id, boolean dryRun, Boolean force) {
        String body = "{\"backupId\":" + id + ",\"dryRun\":" + dryRun + (dryRun ? "" : "," + CODE)
                + (force == null ? "" : ",\"force\":" + force) + "}";
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(body).post("/api/v1/restores").then().log().ifValidationFails();
    }

    /** The 202's run, polled until it is no longer running. */
    private static JsonPath ended(ValidatableResponse response) {
        ExtractableResponse<Response> r = response.statusCode(202).header("Preference-Applied", "respond-async")
                .extract();
        String location = r.header("Location");
        assertNotNull(location);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonPath run = given().auth().oauth2(Tokens.viewer()).get(location).then().statusCode(200).extract()
                    .jsonPath();
            if (!"running".equals(run.getString("status"))) {
                return run;
            }
            assertTrue(Instant.now().isBefore(deadline), "still running: " + run.prettify());
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String status(long id) {
        return (String) db.single("SELECT status FROM gold_backups WHERE id = ?", id);
    }

    private double liveGold() {
        return ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?", TAMPERED))
                .doubleValue();
    }

    /** Waits for the operation's one audit event, written as its background part ends; answers how many matched. */
    private long audited(String action, String outcome, boolean forced) {
        String sql = "SELECT count(*) FROM audit_events WHERE id > ? AND action = ? AND actor = 'admin-1' AND "
                + "outcome = ? AND parameters->>'async' = 'true' AND parameters->>'force' = ?";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (db.count(sql, auditMark, action, outcome, String.valueOf(forced)) == 0
                && Instant.now().isBefore(deadline)) {
            pause();
        }
        return db.count(sql, auditMark, action, outcome, String.valueOf(forced));
    }

    @Test
    void aBackupMarkedCorruptIsRefusedUpFrontUnlessAnAdminForcesIt() {
        long id = backup();
        double tampered = tamper(id);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200)
                .body("status", equalTo("corrupt"));
        TableRows before = db.gameRows();

        restoreAsync(Tokens.admin(), id, false, null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is corrupt")).body("detail", containsString("\"force\": true"));
        restoreAsync(Tokens.admin(), id, true, false).statusCode(409).body("detail", containsString("is corrupt"));
        restoreAsync(Tokens.operator(), id, true, true).statusCode(403).contentType("application/problem+json");
        assertEquals(0, db.count("SELECT count(*) FROM restore_runs"), "a refusal up front registers no run");
        db.assertUnchanged(before, "nothing restored");

        JsonPath run = ended(restoreAsync(Tokens.admin(), id, false, true));
        assertEquals("completed", run.getString("status"), run.prettify());
        assertEquals(tampered, liveGold(), "the forced restore wrote the corrupt backup's rows");
        assertEquals("corrupt", status(id), "forcing does not make the backup intact");
        assertEquals(1, audited("restore.apply", "succeeded", true), "audited as forced, by the admin");
        assertEquals(1, audited("restore.apply", "refused", false));
    }

    @Test
    void aBackupThatFailsItsVerificationInTheBackgroundEndsTheRunRefusedUnlessForced() {
        long id = backup();
        tamper(id);
        assertEquals("completed", status(id), "not verified yet: only the run's verification finds it");
        TableRows before = db.gameRows();

        JsonPath refused = ended(restoreAsync(Tokens.admin(), id, false, null));
        assertEquals("refused", refused.getString("status"), refused.prettify());
        assertTrue(refused.getString("error").contains("integrity check"), refused.getString("error"));
        assertTrue(refused.getString("error").contains("\"force\": true"), refused.getString("error"));
        assertEquals("corrupt", status(id), "the run's verification marked it corrupt");
        db.assertUnchanged(before, "nothing restored");
        assertEquals(1, audited("restore.apply", "refused", false));

        long other = backup();
        double tampered = tamper(other);
        JsonPath forced = ended(restoreAsync(Tokens.admin(), other, false, true));
        assertEquals("completed", forced.getString("status"), forced.prettify());
        assertEquals(tampered, liveGold(), "the forced restore used the backup that failed its verification");
        assertEquals("corrupt", status(other), "its verification still recorded the verdict");
        assertEquals(1, audited("restore.apply", "succeeded", true), "audited as forced, by the admin");
    }
}
