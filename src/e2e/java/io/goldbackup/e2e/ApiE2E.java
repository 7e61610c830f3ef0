package io.goldbackup.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.goldbackup.gamestate.GameStateSeeder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged service in prod profile behind a real Keycloak: tokens by password and by client credentials, realm
 * roles from {@code realm_access.roles}, the audience from the realm's mapper. Runs against the native executable
 * unchanged ({@code ./mvnw verify -Pe2e -Dnative}).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(ServiceResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiE2E {

    /** Wallets of this suite's own, far from any other test's. */
    private static final long FIRST = 7_000_001;
    private static final String WALLET = GameStateSeeder.demoAddress(FIRST);
    private static final String CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";

    /** This class's two wallets, fresh; called once the service has migrated the schema. */
    private static void wallets() {
        String range = "'" + GameStateSeeder.demoAddress(FIRST) + "', '" + GameStateSeeder.demoAddress(FIRST + 1) + "'";
        E2eDatabase.game("DELETE FROM owned_meks WHERE wallet_address IN (" + range + ")");
        E2eDatabase.game("DELETE FROM players WHERE wallet_address IN (" + range + ")");
        E2eDatabase.game("DELETE FROM gold_mining WHERE wallet_address IN (" + range + ")");
        GameStateSeeder.seed(E2eDatabase.game(), FIRST, 2, 3);
    }

    @Test
    @Order(1)
    void withoutATokenOrWithoutRolesTheApiIsClosed() {
        given().get("/api/v1/backups").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/backups").then().statusCode(401);
        given().auth().oauth2(Keycloak.password("nora")).get("/api/v1/backups").then().statusCode(403);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(2)
    void aViewerReadsButCannotBackUpOrRestore() {
        String vera = Keycloak.password("vera");
        long backups = count("SELECT count(*) FROM gold_backups");
        given().auth().oauth2(vera).get("/api/v1/backups").then().statusCode(200);
        given().auth().oauth2(vera).get("/api/v1/stats").then().statusCode(200).body("totalBackups", notNullValue());
        given().auth().oauth2(vera).contentType(ContentType.JSON).body(Map.of("backupType", "manual"))
                .post("/api/v1/backups").then().statusCode(403);
        given().auth().oauth2(vera).contentType(ContentType.JSON)
                .body(Map.of("backupId", 1, "dryRun", false, "confirmationCode", CODE)).post("/api/v1/restores")
                .then().statusCode(403);
        given().auth().oauth2(vera).contentType(ContentType.JSON)
                .body(Map.of("dryRun", false, "confirmationCode", "CLEANUP_GOLD_BACKUPS_CONFIRMED"))
                .post("/api/v1/cleanup").then().statusCode(403);
        given().auth().oauth2(vera).delete("/api/v1/backups/1?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(403);
        assertEquals(backups, count("SELECT count(*) FROM gold_backups"));
    }

    @Test
    @Order(3)
    void theServiceAccountRunsTheDailyJob() {
        int status = given().auth().oauth2(Keycloak.clientCredentials()).post("/api/v1/jobs/daily-backup").then()
                .extract().statusCode();
        assertTrue(status == 201 || status == 200, "daily job answered " + status);
        assertEquals("service-account-gold-backup-service", E2eDatabase.single(
                "SELECT actor_name FROM audit_events WHERE action = 'job.daily-backup' ORDER BY id DESC LIMIT 1"));
        assertEquals(1L, count("SELECT count(*) FROM gold_backups WHERE backup_type = 'auto_daily'"
                + " AND status = 'completed' AND backup_timestamp >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"));
    }

    @Test
    @Order(4)
    void anOperatorPreviewsAndAnAdminRestoresOneWallet() {
        wallets();
        String otto = Keycloak.password("otto");
        String ada = Keycloak.password("ada");
        long backupId = given().auth().oauth2(otto).contentType(ContentType.JSON)
                .body(Map.of("backupType", "pre_update", "backupName", "before the e2e change")).post("/api/v1/backups")
                .then().statusCode(201).body("triggeredBy", notNullValue()).extract().jsonPath().getLong("id");
        // JsonPath reads numbers as floats unless told otherwise.
        double backedUp = given().auth().oauth2(otto).get("/api/v1/wallets/" + WALLET + "/backups?limit=1").then()
                .statusCode(200).body("[0].backupId", equalTo((int) backupId)).extract()
                .jsonPath(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .getDouble("[0].wallet.currentGold");

        E2eDatabase.game("UPDATE gold_mining SET accumulated_gold = 1, total_gold_per_hour = 0.5, "
                + "last_snapshot_time = now() WHERE wallet_address = '" + WALLET + "'");

        var plan = given().auth().oauth2(otto).contentType(ContentType.JSON)
                .body(Map.of("backupId", backupId, "dryRun", true, "targetWallets", List.of(WALLET)))
                .post("/api/v1/restores").then().statusCode(200).body("walletsToChange", equalTo(1))
                .body("diffs[0].walletAddress", equalTo(WALLET)).extract().jsonPath();
        given().auth().oauth2(otto).contentType(ContentType.JSON)
                .body(Map.of("backupId", backupId, "dryRun", false, "targetWallets", List.of(WALLET),
                        "confirmationCode", CODE, "fingerprint", plan.getString("fingerprint")))
                .post("/api/v1/restores").then().statusCode(403);

        given().auth().oauth2(ada).contentType(ContentType.JSON)
                .body(Map.of("backupId", backupId, "dryRun", false, "targetWallets", List.of(WALLET),
                        "confirmationCode", CODE, "fingerprint", plan.getString("fingerprint")))
                .post("/api/v1/restores").then().statusCode(200).body("status", equalTo("completed"))
                .body("safetyBackupId", notNullValue()).body("actorName", equalTo("ada"));

        assertEquals(backedUp, ((Number) E2eDatabase.single(
                "SELECT accumulated_gold FROM gold_mining WHERE wallet_address = '" + WALLET + "'")).doubleValue(), 1e-9);
        given().auth().oauth2(otto).get("/api/v1/audit?limit=20").then().statusCode(200)
                .body("findAll { it.action == 'restore.apply' }.actorName", hasItem("ada"))
                .body("findAll { it.action == 'restore.dry-run' }.actorName", hasItem("otto"));
    }

    @Test
    @Order(5)
    void theServiceTalksToPostgreSqlOverTlsWhenTheUrlAsksForIt() {
        assumeTrue(E2eDatabase.url().contains("sslmode="), "-De2e.db.url asks for no TLS (.ci/run does)");
        // Every connection of the service's pool to this database, seen from the server.
        long plain = count("SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                + " WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND NOT s.ssl");
        long encrypted = count("SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                + " WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND s.ssl");
        assertEquals(0, plain, "connections without TLS");
        assertTrue(encrypted > 0, "no connection of the service seen");
    }

    private static long count(String sql) {
        return ((Number) E2eDatabase.single(sql)).longValue();
    }
}
