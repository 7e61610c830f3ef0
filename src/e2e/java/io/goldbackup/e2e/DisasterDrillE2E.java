package io.goldbackup.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.offsite.BackupKeys;
import io.goldbackup.testsupport.S3ProxyResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The disaster drill, end to end against the packaged service: fill a database, take a backup, copy it off-site
 * (s3proxy), drop the whole database, create an empty one, start the service on it, list the bucket, import, restore
 * every wallet (re-creating them): the live tables' digest equals the one taken before the loss. On the way, the same
 * import with a wrong key, a flipped byte and a deleted object is refused with nothing imported, and a target that
 * cannot be reached gives a failed copy with its reason and a retry while the service stays ready.
 */
class DisasterDrillE2E {

    private static final long WALLETS = 50_000;
    private static final String DATABASE = "gold_drill";

    @Test
    void theServiceSurvivesTheLossOfItsDatabase() throws Exception {
        try (S3ProxyResource.Server s3 = S3ProxyResource.startServer()) {
            String key = BackupKeys.generate("k1");
            Map<String, String> config = new HashMap<>(ServiceResource.config());
            config.putAll(s3.config("drill", "drill/"));
            config.put("gold-backup.keys", key);
            String url = E2eDatabase.fresh(DATABASE);
            config.put("quarkus.datasource.jdbc.url", url);

            // Before: a database with its wallets, a backup, its copy.
            long backupId;
            String uuid;
            String digest;
            try (PackagedService before = started("drill-before", config)) {
                GameStateSeeder.seed(E2eDatabase.dataSource(url), 1, WALLETS, 2);
                // Unverified wallets do not accrue: the gold a restore writes back is exactly the gold stored now.
                E2eDatabase.execute(url, "UPDATE gold_mining SET is_blockchain_verified = false");
                digest = liveDigest(url);
                JsonPath backup = given().baseUri(before.url()).auth().oauth2(Keycloak.password("otto"))
                        .contentType(ContentType.JSON).body("{\"backupType\":\"pre_migration\",\"backupName\":\"drill\"}")
                        .post("/api/v1/backups").then().statusCode(201).extract().jsonPath();
                backupId = backup.getLong("id");
                uuid = backup.getString("uuid");
                await("the copy completes", () -> "completed".equals(given().baseUri(before.url())
                        .auth().oauth2(Keycloak.password("vera")).get("/api/v1/backups/" + backupId + "/copies")
                        .then().extract().jsonPath().getString("[0].status")), Duration.ofSeconds(60));
            }

            // The loss: the whole database dropped, an empty one in its place.
            E2eDatabase.fresh(DATABASE);

            try (PackagedService after = started("drill-after", config)) {
                String ada = Keycloak.password("ada");
                given().baseUri(after.url()).auth().oauth2(ada).get("/api/v1/offsite/drill/backups").then()
                        .statusCode(200).body("find { it.uuid == '" + uuid + "' }.backupId", equalTo((int) backupId))
                        .body("find { it.uuid == '" + uuid + "' }.knownLocally", equalTo(false))
                        .body("find { it.uuid == '" + uuid + "' }.totalUsersBackedUp", equalTo((int) WALLETS));

                refusals(s3, config, url, after, uuid);

                JsonPath imported = given().baseUri(after.url()).auth().oauth2(ada).contentType(ContentType.JSON)
                        .body("{\"backupId\":" + backupId + "}").post("/api/v1/offsite/drill/imports").then()
                        .statusCode(201).extract().jsonPath();
                long id = imported.getLong("id");
                assertEquals("pre_migration", imported.getString("backupType"));
                assertEquals(backupId, imported.getLong("importedFrom.originalBackupId"));
                given().baseUri(after.url()).auth().oauth2(ada).contentType(ContentType.JSON)
                        .body("{\"backupId\":" + id + ",\"dryRun\":true,\"restoreDeleted\":true}")
                        .post("/api/v1/restores").then().statusCode(200)
                        .body("walletsToRecreate", equalTo((int) WALLETS));
                given().baseUri(after.url()).auth().oauth2(ada).contentType(ContentType.JSON)
                        .body("{\"backupId\":" + id + ",\"dryRun\":false,\"restoreDeleted\":true,"
                                + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                        .post("/api/v1/restores").then().statusCode(200);
                assertEquals(digest, liveDigest(url), "every wallet is back as it was before the loss");
            }

            unreachableTarget(config);
        }
    }

    /** A wrong key, a flipped byte and a deleted object: each refused naming the object, nothing imported. */
    private static void refusals(S3ProxyResource.Server s3, Map<String, String> config, String url,
            PackagedService after, String uuid) throws Exception {
        String ada = Keycloak.password("ada");
        String body = "{\"uuid\":\"" + uuid + "\"}";
        Map<String, String> otherKey = new HashMap<>(config);
        otherKey.put("gold-backup.keys", BackupKeys.generate("k2"));
        try (PackagedService wrong = started("drill-wrong-key", otherKey)) {
            given().baseUri(wrong.url()).auth().oauth2(ada).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/offsite/drill/imports").then().statusCode(409)
                    .body("detail", containsString("backups/" + uuid + "/manifest.json"))
                    .body("detail", containsString("k1"));
        }
        String object = "drill/backups/" + uuid + "/wallets.copy.zst.enc";
        byte[] original = s3.client().getObjectAsBytes(r -> r.bucket(S3ProxyResource.BUCKET).key(object))
                .asByteArray();
        byte[] flipped = original.clone();
        flipped[flipped.length / 3] ^= 0x10;
        s3.client().putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object), RequestBody.fromBytes(flipped));
        given().baseUri(after.url()).auth().oauth2(ada).contentType(ContentType.JSON).body(body)
                .post("/api/v1/offsite/drill/imports").then().statusCode(409)
                .body("detail", containsString("backups/" + uuid + "/wallets.copy.zst.enc"));
        s3.client().deleteObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object));
        given().baseUri(after.url()).auth().oauth2(ada).contentType(ContentType.JSON).body(body)
                .post("/api/v1/offsite/drill/imports").then().statusCode(409)
                .body("detail", containsString("missing"));
        assertEquals(0L, ((Number) E2eDatabase.single(url, "SELECT count(*) FROM gold_backups")).longValue(),
                "nothing imported");
        s3.client().putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object), RequestBody.fromBytes(original));
    }

    /** A target nobody answers at: the copy fails with its reason and a retry time; the service stays ready. */
    private static void unreachableTarget(Map<String, String> config) throws Exception {
        Map<String, String> down = new HashMap<>(config);
        down.put("gold-backup.offsite.targets.drill.endpoint", "http://127.0.0.1:" + Keycloak.freePort());
        try (PackagedService service = started("drill-unreachable", down)) {
            long id = given().baseUri(service.url()).auth().oauth2(Keycloak.password("otto"))
                    .contentType(ContentType.JSON).body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then()
                    .statusCode(201).extract().jsonPath().getLong("id");
            await("the copy fails", () -> "failed".equals(given().baseUri(service.url())
                    .auth().oauth2(Keycloak.password("vera")).get("/api/v1/backups/" + id + "/copies").then()
                    .extract().jsonPath().getString("[0].status")), Duration.ofSeconds(60));
            given().baseUri(service.url()).auth().oauth2(Keycloak.password("vera"))
                    .get("/api/v1/backups/" + id + "/copies").then().body("[0].error", containsString("unreachable"))
                    .body("[0].nextAttemptAt", org.hamcrest.Matchers.notNullValue());
            given().baseUri(service.url()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(service.url()).auth().oauth2(Keycloak.password("vera")).get("/api/v1/backups/" + id)
                    .then().body("status", equalTo("completed"));
        }
    }

    private static PackagedService started(String name, Map<String, String> config) throws Exception {
        PackagedService service = PackagedService.start(name, config);
        service.awaitReady(Duration.ofMinutes(2));
        return service;
    }

    /** What a restore puts back: gold, rate and last activity of every wallet, and every player's figures. */
    private static String liveDigest(String url) {
        return (String) E2eDatabase.single(url, """
                SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
                    SELECT concat_ws(',', 'g', wallet_address, accumulated_gold, total_gold_per_hour,
                                     last_active_time) AS t FROM gold_mining
                    UNION ALL SELECT concat_ws(',', 'p', wallet_address, level, experience, bank_balance) FROM players
                ) x""");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.holds()) {
            assertTrue(Instant.now().isBefore(deadline), "not within " + limit + ": " + what);
            Thread.sleep(200);
        }
    }
}
