package io.goldbackup.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Hostile input against every endpoint: each request gets a 4xx problem+json answer that names no class and shows
 * no stack trace, and the live tables and the backup metadata are row for row what they were (read before and
 * after). Valid but strange text is stored and returned exactly as sent.
 */
@QuarkusTest
class HostileInputTest {

    private static final String CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";
    private static final String DELETE_CODE = "DELETE_GOLD_BACKUP_CONFIRMED";
    private static final String CLEANUP_CODE = "CLEANUP_GOLD_BACKUPS_CONFIRMED";

    @Inject
    Db db;

    private long backupId;
    private String wallet;

    @BeforeEach
    void arrange() {
        db.reset();
        db.seed(1, 20);
        backupId = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        wallet = GameStateSeeder.demoAddress(1);
    }

    /** One hostile request and what it must get. */
    private record Attack(String method, String path, String token, String body, int status, String field) {
    }

    @Test
    void everyEndpointRefusesHostileInputAndChangesNothing() {
        TableRows before = db.liveRows();
        long audited = db.count("SELECT coalesce(max(id), 0) FROM audit_events");
        String op = Tokens.operator();
        String admin = Tokens.admin();
        String viewer = Tokens.viewer();
        String badChecksum = wallet.substring(0, wallet.length() - 1) + (wallet.endsWith("q") ? "p" : "q");
        String tenThousand = IntStream.rangeClosed(1, 10_000)
                .mapToObj(i -> "\"" + GameStateSeeder.demoAddress(i) + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        String restore = "/api/v1/restores";
        String backup = "/api/v1/backups/" + backupId;

        List<Attack> attacks = List.of(
                // create
                new Attack("POST", "/api/v1/backups", op, "{", 400, "body"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":\"manual\",}", 400, "body"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":[\"manual\"]}", 400, "backupType"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":\"MANUAL; DROP TABLE x\"}", 400,
                        "backupType"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":\"manual\",\"backupName\":{\"a\":1}}", 400,
                        "backupName"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":\"manual\",\"backupName\":\"a\\u0000b\"}",
                        400,
                        "backupName"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":\"manual\",\"notes\":\"half \\ud800 pair\"}",
                        400, "notes"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":\"manual\",\"notes\":\"bell \\u0007\"}", 400,
                        "notes"),
                new Attack("POST", "/api/v1/backups", op, "{\"backupType\":\"manual\",\"triggeredBy\":\"root\"}", 400,
                        "triggeredBy"),
                new Attack("POST", "/api/v1/backups", op,
                        "{\"backupType\":\"manual\",\"notes\":\"" + "x".repeat(1_100_000) + "\"}", 413, null),
                // verify and delete
                new Attack("POST", "/api/v1/backups/abc/verify", op, null, 400, "id"),
                new Attack("POST", "/api/v1/backups/-1/verify", op, null, 400, "id"),
                new Attack("POST", "/api/v1/backups/99999999999999999999/verify", op, null, 400, "id"),
                new Attack("POST", "/api/v1/backups/123456/verify", op, null, 404, null),
                new Attack("DELETE", "/api/v1/backups/1%27%20OR%20%271%27=%271", admin, null, 400, "id"),
                new Attack("DELETE", "/api/v1/backups/123456?confirmationCode=" + DELETE_CODE, admin, null, 404,
                        null),
                new Attack("DELETE", backup, admin, null, 400, "confirmationCode"),
                new Attack("DELETE", backup + "?confirmationCode=", admin, null, 400, "confirmationCode"),
                new Attack("DELETE", backup + "?confirmationCode=delete_gold_backup_confirmed", admin, null, 400,
                        "confirmationCode"),
                new Attack("DELETE", backup + "?confirmationCode=" + CODE, admin, null, 400, "confirmationCode"),
                new Attack("DELETE", backup + "?confirmationCode=" + DELETE_CODE + "%27%20OR%201=1", admin, null,
                        400, "confirmationCode"),
                new Attack("DELETE", backup + "?confirmationCode=" + DELETE_CODE, op, null, 403, null),
                // restore
                new Attack("POST", restore, admin, "{\"backupId\":\"abc\",\"dryRun\":true}", 400, "backupId"),
                new Attack("POST", restore, admin, "{\"backupId\":1.7,\"dryRun\":true}", 400, "backupId"),
                new Attack("POST", restore, admin, "{\"backupId\":" + backupId + "}", 400, "dryRun"),
                new Attack("POST", restore, admin, "{\"backupId\":" + backupId + ",\"dryRun\":\"yes\"}", 400, "dryRun"),
                new Attack("POST", restore, admin, "{\"backupId\":123456,\"dryRun\":true}", 404, null),
                new Attack("POST", restore, admin, "{\"backupId\":-5,\"dryRun\":true}", 400, "backupId"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":true,\"targetWallets\":\"" + wallet + "\"}", 400,
                        "targetWallets"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":true,\"targetWallets\":[null]}", 400,
                        "targetWallets[0]"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":true,\"targetWallets\":[\"" + badChecksum + "\"]}",
                        400, "targetWallets[0]"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":true,\"targetWallets\":[\"" + wallet
                                + "' OR 1=1 --\"]}",
                        400, "targetWallets[0]"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":false,\"confirmationCode\":\"" + CODE
                                + "\",\"targetWallets\":[\"" + wallet + "\",\"" + wallet + "\"]}",
                        400, "targetWallets[1]"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":false,\"confirmationCode\":\"" + CODE
                                + "\",\"targetWallets\":" + tenThousand + "}",
                        400, "targetWallets"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":false,\"targetWallets\":[]}", 400, "targetWallets"),
                new Attack("POST", restore, admin, "{\"backupId\":" + backupId + ",\"dryRun\":false}", 400,
                        "confirmationCode"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId
                                + ",\"dryRun\":false,\"confirmationCode\":\"restore_gold_backup_confirmed\"}",
                        400, "confirmationCode"),
                new Attack("POST", restore, admin,
                        "{\"backupId\":" + backupId + ",\"dryRun\":false,\"confirmationCode\":\"" + CODE
                                + "\",\"fingerprint\":\"' OR 1=1 --\"}",
                        409, null),
                new Attack("POST", restore, op,
                        "{\"backupId\":" + backupId + ",\"dryRun\":false,\"confirmationCode\":\"" + CODE + "\"}", 403,
                        null),
                // cleanup
                new Attack("POST", "/api/v1/cleanup", admin, "{\"daysToKeep\":-1,\"dryRun\":false}", 400, "daysToKeep"),
                new Attack("POST", "/api/v1/cleanup", admin, "{\"daysToKeep\":\"ten\",\"dryRun\":false}", 400,
                        "daysToKeep"),
                new Attack("POST", "/api/v1/cleanup", admin, "{\"daysToKeep\":1.5,\"dryRun\":false}", 400,
                        "daysToKeep"),
                new Attack("POST", "/api/v1/cleanup", admin, "{\"daysToKeep\":1e12,\"dryRun\":false}", 400,
                        "daysToKeep"),
                new Attack("POST", "/api/v1/cleanup", admin, "{\"daysToKeep\":0}", 400, "dryRun"),
                new Attack("POST", "/api/v1/cleanup", admin, "{\"daysToKeep\":0,\"dryRun\":null}", 400, "dryRun"),
                new Attack("POST", "/api/v1/cleanup", op, "{\"daysToKeep\":0,\"dryRun\":false,"
                        + "\"confirmationCode\":\"" + CLEANUP_CODE + "\"}", 403, null),
                new Attack("POST", "/api/v1/cleanup", admin, "{\"daysToKeep\":0,\"dryRun\":false}", 400,
                        "confirmationCode"),
                new Attack("POST", "/api/v1/cleanup", admin,
                        "{\"daysToKeep\":0,\"dryRun\":false,\"confirmationCode\":\"" + CODE + "\"}", 400,
                        "confirmationCode"),
                new Attack("POST", "/api/v1/cleanup", admin,
                        "{\"daysToKeep\":0,\"dryRun\":false,\"confirmationCode\":[\"" + CLEANUP_CODE + "\"]}", 400,
                        "confirmationCode"),
                new Attack("POST", "/api/v1/cleanup", admin,
                        "{\"daysToKeep\":0,\"dryRun\":false,\"confirmationCode\":\"" + "x".repeat(101) + "\"}", 400,
                        "confirmationCode"),
                // jobs take no body
                new Attack("POST", "/api/v1/jobs/daily-backup", viewer, null, 403, null),
                new Attack("POST", "/api/v1/jobs/weekly-cleanup", viewer, null, 403, null),
                new Attack("POST", "/api/v1/jobs/hourly-backup", op, null, 404, null),
                // reads with absurd parameters
                new Attack("GET", "/api/v1/backups?limit=2147483648", viewer, null, 400, "limit"),
                new Attack("GET", backup + "/wallets?limit=-1", viewer, null, 400, "limit"),
                new Attack("GET", backup + "/wallets?after=' OR 1=1 --", viewer, null, 400, "after"),
                new Attack("GET", "/api/v1/backups/123456/wallets", viewer, null, 404, null),
                new Attack("GET", "/api/v1/wallets/" + "stake1" + "u".repeat(1000) + "/backups", viewer, null, 400,
                        "walletAddress"),
                new Attack("GET", "/api/v1/wallets/" + wallet + "/backups?limit=0", viewer, null, 400, "limit"),
                new Attack("GET", "/api/v1/restores?limit=100000", viewer, null, 400, "limit"),
                new Attack("GET", "/api/v1/restores/abc", viewer, null, 400, "id"),
                new Attack("GET", "/api/v1/restores/123456", viewer, null, 404, null),
                new Attack("GET", "/api/v1/audit?limit=abc", op, null, 400, "limit"),
                new Attack("GET", "/api/v1/audit?before=yesterday", op, null, 400, "before"),
                new Attack("GET", "/api/v1/audit", viewer, null, 403, null));

        List<String> failures = new ArrayList<>();
        for (Attack attack : attacks) {
            var request = given().auth().oauth2(attack.token());
            if (attack.body() != null) {
                request.contentType(ContentType.JSON).body(attack.body());
            }
            Response response = request.request(attack.method(), attack.path());
            String label = attack.method() + " " + abbreviate(attack.path()) + " " + abbreviate(attack.body());
            String text = response.asString();
            if (response.statusCode() != attack.status()) {
                failures.add(label + ": " + response.statusCode() + " instead of " + attack.status() + ": "
                        + abbreviate(text));
                continue;
            }
            if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                failures.add(label + ": content type " + response.contentType());
                continue;
            }
            for (String leak : List.of("Exception", "io.goldbackup", "com.fasterxml", "java.", "org.", "\tat ")) {
                if (text.contains(leak)) {
                    failures.add(label + ": the answer shows '" + leak + "': " + abbreviate(text));
                }
            }
            if (attack.field() != null) {
                List<Map<String, String>> violations = response.jsonPath().getList("violations");
                boolean named = violations != null
                        && violations.stream().anyMatch(v -> attack.field().equals(v.get("field")));
                if (!named) {
                    failures.add(label + ": does not name " + attack.field() + ": " + abbreviate(text));
                }
            }
        }
        assertEquals(List.of(), failures);
        db.assertUnchanged(before, "a refused request changed the live tables or the backups");
        // Refusals after validation (an unknown id, a stale fingerprint) are audited, and as failures, never as done.
        assertEquals(0L, db.count("SELECT count(*) FROM audit_events WHERE id > " + audited
                + " AND outcome NOT IN ('failed', 'refused', 'denied', 'not_found')"),
                String.valueOf(
                        db.single("SELECT string_agg(action || ':' || outcome, ', ') FROM audit_events WHERE id > "
                                + audited)));
    }

    @Test
    void strangeButValidTextIsStoredAndReturnedExactly() {
        String name = "Robert'); DROP TABLE gold_mining; -- \"quoted\" \\ backslash";
        String notes = "Ünïcödé 金の延べ棒 🪙 עברית \u202e reversed\nsecond line\ttab; <script>alert(1)</script> %s %n ${x}";
        Map<String, String> body = Map.of("backupType", "manual", "backupName", name, "notes", notes);
        long id = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/backups").then().statusCode(201)
                .extract().jsonPath().getLong("id");

        var details = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(name, details.getString("backupName"));
        assertEquals(notes, details.getString("notes"));
        assertEquals(name, db.single("SELECT backup_name FROM gold_backups WHERE id = " + id));
        assertEquals(notes, db.single("SELECT notes FROM gold_backups WHERE id = " + id));
        assertEquals(20L, db.count("SELECT count(*) FROM gold_mining"), "the game's tables are all there");

        var listed = given().auth().oauth2(Tokens.viewer()).queryParam("type", "manual").get("/api/v1/backups")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(name, listed.getString("[0].backupName"));
        var audit = given().auth().oauth2(Tokens.operator()).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(notes, audit.getString("find { it.action == 'backup.create' }.parameters.notes"));
        assertFalse(details.getString("backupName").isEmpty());
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
