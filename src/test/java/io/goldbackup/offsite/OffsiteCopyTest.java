package io.goldbackup.offsite;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.S3ProxyResource;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Off-site copies against a real object store (s3proxy): a backup is copied after it completes, the bucket lists it,
 * and an import brings it back with the same rows (its checksum) after the local backup is gone; a flipped byte, a
 * deleted object and a manifest that does not verify are each refused naming the object, with nothing imported.
 */
@QuarkusTest
@TestProfile(S3ProxyResource.Profile.class)
class OffsiteCopyTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM offsite_copies");
        db.execute("DELETE FROM restore_runs");
        db.seed(1, 300);
    }

    private static long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    private static JsonPath copied(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonPath copies = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id + "/copies").then()
                    .statusCode(200).extract().jsonPath();
            if ("completed".equals(copies.getString("[0].status"))) {
                return copies;
            }
            assertTrue(Instant.now().isBefore(deadline), "never copied: " + copies.prettify());
            Thread.sleep(100);
        }
    }

    private static S3Client s3() {
        return S3ProxyResource.current().client();
    }

    private static String key(String uuid, String name) {
        return "backups/" + uuid + "/" + name;
    }

    @Test
    void aBackupIsCopiedAfterItCompletesAndAnImportBringsItBack() throws Exception {
        long id = backup();
        JsonPath copy = copied(id);
        assertEquals("primary", copy.getString("[0].target"));
        assertTrue(copy.getLong("[0].storedBytes") > 0);
        String uuid = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().extract()
                .jsonPath().getString("uuid");
        String checksum = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().extract()
                .jsonPath().getString("checksum");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/offsite/primary/backups").then().statusCode(200)
                .body("find { it.uuid == '" + uuid + "' }.knownLocally", equalTo(true))
                .body("find { it.uuid == '" + uuid + "' }.verified", equalTo(true))
                .body("find { it.uuid == '" + uuid + "' }.totalUsersBackedUp", equalTo(300));

        // The database loses the backup; the bucket still has it.
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/offsite/primary/backups").then()
                .body("find { it.uuid == '" + uuid + "' }.knownLocally", equalTo(false));
        JsonPath imported = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id + "}").post("/api/v1/offsite/primary/imports").then().statusCode(201)
                .extract().jsonPath();
        long newId = imported.getLong("id");
        assertEquals(uuid, imported.getString("uuid"));
        assertEquals(checksum, imported.getString("checksum"), "the same rows, byte for byte");
        assertEquals("completed", imported.getString("status"));
        assertEquals("primary", imported.getString("importedFrom.target"));
        assertEquals(id, imported.getLong("importedFrom.originalBackupId"));
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + newId + "/verify").then()
                .body("ok", equalTo(true)).body("walletCount", equalTo(300));
        // Its checksum is the same hash tree, and its ranges are stored again for restores of named wallets.
        assertEquals(List.of("0:64", "1:64", "2:64", "3:64", "4:44"), db.strings("SELECT range_no || ':' || wallets "
                + "FROM gold_backup_ranges WHERE backup_id = ? ORDER BY range_no", newId));
        assertEquals(checksum, db.single("SELECT encode(sha256(convert_to(string_agg(encode(sha256, 'hex') || E'\\n', "
                + "'' ORDER BY range_no), 'UTF8')), 'hex') FROM gold_backup_ranges WHERE backup_id = ?", newId));
        assertEquals(2,
                ((Number) db.single("SELECT snapshot_version FROM gold_backups WHERE id = ?", newId)).intValue());
        // The bucket holds it: no second copy is written for it.
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + newId + "/copies").then()
                .body("[0].status", equalTo("completed"));
        // And the usual restore applies.
        db.update("UPDATE gold_mining SET accumulated_gold = 0");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + newId + ",\"dryRun\":false,"
                        + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200).body("walletsProcessed", equalTo(300));
        assertEquals(0L, db.count("SELECT count(*) FROM gold_mining g JOIN gold_backup_wallets b "
                + "ON b.wallet_address = g.wallet_address AND b.backup_id = ? WHERE g.accumulated_gold <> b.current_gold",
                newId));
        assertTrue(db.count("SELECT count(*) FROM audit_events WHERE action = 'offsite.import' "
                + "AND outcome = 'succeeded' AND parameters->>'backupId' = ?", String.valueOf(id)) >= 1);
        // Importing it again is refused: it is known here.
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"uuid\":\"" + uuid + "\"}")
                .post("/api/v1/offsite/primary/imports").then().statusCode(409)
                .body("detail", containsString("already known here"));
    }

    @Test
    void damagedOrMissingCopiesAreRefusedNamingTheObjectAndNothingIsImported() throws Exception {
        long id = backup();
        copied(id);
        String uuid = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().extract()
                .jsonPath().getString("uuid");
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);
        TableRows before = db.liveRows();
        long backupsBefore = db.count("SELECT count(*) FROM gold_backups");
        String refusedImports = "SELECT count(*) FROM audit_events WHERE action = 'offsite.import' AND outcome = 'refused'";
        long refusedBefore = db.count(refusedImports);
        String object = key(uuid, "wallets.copy.zst.enc");
        String manifest = key(uuid, "manifest.json");
        S3Client s3 = s3();
        byte[] original = s3.getObjectAsBytes(r -> r.bucket(S3ProxyResource.BUCKET).key(object)).asByteArray();
        byte[] manifestJson = s3.getObjectAsBytes(r -> r.bucket(S3ProxyResource.BUCKET).key(manifest)).asByteArray();

        // One flipped byte in the middle of the stored object.
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x01;
        s3.putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object), RequestBody.fromBytes(flipped));
        importOf(uuid).statusCode(409).body("detail", containsString(object));

        // A manifest whose fields were changed (another wallet count) no longer verifies.
        s3.putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object), RequestBody.fromBytes(original));
        String changed = new String(manifestJson, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"totalUsersBackedUp\":300", "\"totalUsersBackedUp\":301");
        s3.putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(manifest), RequestBody.fromString(changed));
        importOf(uuid).statusCode(409).body("detail", containsString(manifest))
                .body("detail", containsString("does not verify"));

        // The object deleted.
        s3.putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(manifest), RequestBody.fromBytes(manifestJson));
        s3.deleteObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object));
        importOf(uuid).statusCode(409).body("detail", containsString(object)).body("detail", containsString("missing"));

        assertEquals(backupsBefore, db.count("SELECT count(*) FROM gold_backups"), "nothing imported");
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname ~ '^gold_backup_wallets_[0-9]+$' "
                + "AND NOT EXISTS (SELECT 1 FROM gold_backups b WHERE relname = 'gold_backup_wallets_' || b.id)"));
        db.assertUnchanged(before, "refused imports change nothing");
        assertEquals(refusedBefore + 3, db.count(refusedImports), "each refusal audited");
    }

    @Test
    void unknownTargetsAndBadRequestsAreRefused() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/offsite/nowhere/backups").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/offsite/primary/imports").then().statusCode(400).body("violations[0].field",
                        equalTo("uuid"));
        given().auth().oauth2(Tokens.operator()).get("/api/v1/offsite/primary/backups").then().statusCode(403);
        long id = backup();
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"target\":\"nowhere\"}")
                .post("/api/v1/backups/" + id + "/copies").then().statusCode(404);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"target\":\"Not Valid\"}")
                .post("/api/v1/backups/" + id + "/copies").then().statusCode(400)
                .body("violations[0].field", equalTo("target"));
    }

    @Test
    void theJobCopiesWhatLacksACopyAndTheHealthGroupSaysSo() throws Exception {
        long id = backup();
        copied(id);
        db.execute("DELETE FROM offsite_copies");
        given().get("/q/health/group/backups").then().body("checks.find { it.name == 'offsite-copies' }.data.missingOn",
                equalTo("primary"));
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + id + "/copies").then().statusCode(200)
                .body("[0].status", equalTo("completed")).body("[0].attempts", equalTo(1));
        given().get("/q/health/group/backups").then()
                .body("checks.find { it.name == 'offsite-copies' }.status", equalTo("UP"));
        List<String> metrics = given().get("/q/metrics").then().extract().asString().lines()
                .filter(l -> l.startsWith("gold_backup_offsite_")).toList();
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith(
                "gold_backup_offsite_copy_total{result=\"completed\",target=\"primary\"}")), metrics.toString());
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith("gold_backup_offsite_last_success_timestamp_seconds")),
                metrics.toString());
    }

    @Test
    void offsiteCopiesGoByTheirOwnRetentionAndTheNewestStays() throws Exception {
        long old = backup();
        copied(old);
        long newest = backup();
        copied(newest);
        String oldUuid = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + old).then().extract()
                .jsonPath().getString("uuid");
        db.update("UPDATE offsite_copies SET expires_at = now() - interval '1 day'");
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"dryRun\":true}")
                .post("/api/v1/cleanup").then().statusCode(200).body("deletedOffsiteCopies", equalTo(1))
                .body("offsiteCopies[0].uuid", equalTo(oldUuid)).body("offsiteCopies[0].target", equalTo("primary"));
        assertTrue(
                s3().listObjectsV2(r -> r.bucket(S3ProxyResource.BUCKET).prefix("backups/" + oldUuid)).keyCount() > 0,
                "a dry run deletes nothing");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"dryRun\":false,\"confirmationCode\":\"CLEANUP_GOLD_BACKUPS_CONFIRMED\"}")
                .post("/api/v1/cleanup").then().statusCode(200).body("deletedOffsiteCopies", equalTo(1));
        assertEquals(0, s3().listObjectsV2(r -> r.bucket(S3ProxyResource.BUCKET).prefix("backups/" + oldUuid))
                .keyCount(), "its objects are gone");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + old + "/copies").then()
                .body("[0].status", equalTo("deleted"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + newest + "/copies").then()
                .body("[0].status", equalTo("completed"));
    }

    private static io.restassured.response.ValidatableResponse importOf(String uuid) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"uuid\":\"" + uuid + "\"}")
                .post("/api/v1/offsite/primary/imports").then().contentType("application/problem+json");
    }
}
