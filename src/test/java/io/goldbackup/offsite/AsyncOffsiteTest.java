package io.goldbackup.offsite;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.S3ProxyResource;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import software.amazon.awssdk.services.s3.S3Client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Prefer: respond-async} on an off-site copy and an import against a real object store (s3proxy): 202 with the
 * Location of the backup's copies or of the import, which show the outcome the synchronous request answers; bad input
 * and an unknown target still answer at once, and a copy that does not verify ends the import failed, naming it.
 */
@QuarkusTest
@TestProfile(S3ProxyResource.Profile.class)
class AsyncOffsiteTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM offsite_copies");
        db.execute("DELETE FROM offsite_imports");
        db.seed(1, 300);
    }

    private static ValidatableResponse post(String token, String path, String body, boolean async) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (async) {
            request = request.header("Prefer", "respond-async");
        }
        return request.post(path).then().log().ifValidationFails();
    }

    private static ExtractableResponse<Response> accepted(ValidatableResponse response, String locationPath) {
        ExtractableResponse<Response> r = response.statusCode(202)
                .header("Preference-Applied", "respond-async").extract();
        String location = r.header("Location");
        assertNotNull(location);
        assertTrue(location.matches("https?://[^/]+" + locationPath), location + " is " + locationPath);
        return r;
    }

    /** GETs {@code location} until {@code status} (a JSON path) is final. */
    private static JsonPath poll(String location, String token, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonPath now = given().auth().oauth2(token).get(location).then().statusCode(200).extract().jsonPath();
            String s = now.getString(status);
            if (!"running".equals(s) && !"pending".equals(s)) {
                return now;
            }
            assertTrue(Instant.now().isBefore(deadline), "still " + s + ": " + now.prettify());
            Thread.sleep(50);
        }
    }

    /** A backup, copied to the target after it completed (the copy that every backup gets). */
    private long copiedBackup() throws InterruptedException {
        long id = post(Tokens.operator(), "/api/v1/backups", "{\"backupType\":\"manual\"}", false).statusCode(201)
                .extract().jsonPath().getLong("id");
        assertEquals("completed", poll("/api/v1/backups/" + id + "/copies", Tokens.viewer(), "[0].status")
                .getString("[0].status"));
        return id;
    }

    @Test
    void aCopyAnswers202AndEndsAsTheSynchronousCopy() throws Exception {
        long id = copiedBackup();
        db.execute("DELETE FROM offsite_copies");
        ExtractableResponse<Response> r = accepted(post(Tokens.operator(), "/api/v1/backups/" + id + "/copies", "{}",
                true), "/api/v1/backups/" + id + "/copies");
        assertEquals("primary", r.jsonPath().getString("[0].target"));
        assertTrue(List.of("running", "completed").contains(r.jsonPath().getString("[0].status")),
                "claimed before the answer: " + r.jsonPath().prettify());
        JsonPath async = poll(r.header("Location"), Tokens.viewer(), "[0].status");
        assertEquals("completed", async.getString("[0].status"), async.prettify());
        assertEquals(1, async.getInt("[0].attempts"));

        db.execute("DELETE FROM offsite_copies");
        JsonPath sync = post(Tokens.operator(), "/api/v1/backups/" + id + "/copies", "{}", false).statusCode(200)
                .extract().jsonPath();
        for (String field : List.of("target", "status", "attempts", "objectKey", "manifestKey", "plainBytes",
                "keyId")) {
            assertEquals(sync.getString("[0]." + field), async.getString("[0]." + field), field);
        }
        // The operation's audit event follows its copies' end.
        String audited = "SELECT count(*) FROM audit_events WHERE action = 'backup.copy' AND actor = 'operator-1' "
                + "AND outcome = 'succeeded' AND parameters->>'async' = 'true' AND target = ?";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (db.count(audited, "backup/" + id) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(1L, db.count(audited, "backup/" + id));
        // Up front, as without the header: an unknown target.
        post(Tokens.operator(), "/api/v1/backups/" + id + "/copies", "{\"target\":\"nowhere\"}", true)
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anImportAnswers202AndItsResourceNamesTheImportedBackup() throws Exception {
        long id = copiedBackup();
        JsonPath original = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().extract()
                .jsonPath();
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);

        ExtractableResponse<Response> r = accepted(post(Tokens.admin(), "/api/v1/offsite/primary/imports",
                "{\"backupId\":" + id + "}", true), "/api/v1/offsite/primary/imports/\\d+");
        assertEquals("admin-1", r.jsonPath().getString("triggeredBy"));
        JsonPath run = poll(r.header("Location"), Tokens.viewer(), "status");
        assertEquals("completed", run.getString("status"), run.prettify());
        assertEquals(original.getString("uuid"), run.getString("uuid"));
        assertEquals(id, run.getLong("originalBackupId"));
        long imported = run.getLong("backupId");
        JsonPath backup = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + imported).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(original.getString("checksum"), backup.getString("checksum"), "the same rows");
        assertEquals("completed", backup.getString("status"));
        assertEquals("primary", backup.getString("importedFrom.target"));

        // The synchronous import of the same copy answers the same backup.
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + imported + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);
        JsonPath sync = post(Tokens.admin(), "/api/v1/offsite/primary/imports", "{\"backupId\":" + id + "}", false)
                .statusCode(201).extract().jsonPath();
        for (String field : List.of("uuid", "checksum", "totalUsersBackedUp", "backupType", "importedFrom.target",
                "importedFrom.originalBackupId")) {
            assertEquals(sync.getString(field), backup.getString(field), field);
        }
        assertEquals(1L, db.count("SELECT count(*) FROM offsite_imports WHERE status = 'completed' AND backup_id = ?",
                sync.getLong("id")), "the synchronous import is in the log too");
    }

    @Test
    void badImportsAnswerAtOnceAndADamagedCopyEndsTheImportFailed() throws Exception {
        long id = copiedBackup();
        String uuid = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().extract()
                .jsonPath().getString("uuid");
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);
        long backups = db.count("SELECT count(*) FROM gold_backups");

        post(Tokens.admin(), "/api/v1/offsite/primary/imports", "{}", true).statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("uuid"));
        post(Tokens.admin(), "/api/v1/offsite/nowhere/imports", "{\"backupId\":" + id + "}", true).statusCode(404);
        post(Tokens.operator(), "/api/v1/offsite/primary/imports", "{\"backupId\":" + id + "}", true)
                .statusCode(403);
        assertEquals(0L, db.count("SELECT count(*) FROM offsite_imports"), "no import registered");

        String object = "backups/" + uuid + "/wallets.copy.zst.enc";
        S3Client s3 = S3ProxyResource.current().client();
        s3.deleteObject(b -> b.bucket(S3ProxyResource.BUCKET).key(object));
        ExtractableResponse<Response> r = accepted(post(Tokens.admin(), "/api/v1/offsite/primary/imports",
                "{\"uuid\":\"" + uuid + "\"}", true), "/api/v1/offsite/primary/imports/\\d+");
        JsonPath run = poll(r.header("Location"), Tokens.viewer(), "status");
        assertEquals("failed", run.getString("status"));
        assertTrue(run.getString("error").contains(object), run.getString("error"));
        assertNull(run.get("backupId"));
        assertEquals(backups, db.count("SELECT count(*) FROM gold_backups"), "nothing imported");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/offsite/primary/imports/999999").then().statusCode(404);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/offsite/nowhere/imports/" + run.getLong("id")).then()
                .statusCode(404);
    }
}
