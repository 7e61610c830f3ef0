package io.goldbackup.e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service under exactly the grants of docs/least-privilege.sql (.ci/e2e-database gives them to the suite's role;
 * the game's tables belong to the game's role): backup, dry run, restore with a deleted wallet re-created, undo and
 * cleanup all work, and the service's role cannot drop, alter or empty a game table, write a column a restore does not
 * write, or create anything in the game's schema. A start against a schema without the game's tables stops with one
 * error naming them.
 */
class LeastPrivilegeE2E {

    private static final long FIRST = 6_000_001;
    private static final String CHANGED = GameStateSeeder.demoAddress(FIRST);
    private static final String DELETED = GameStateSeeder.demoAddress(FIRST + 1);
    private static final String RESTORE = "RESTORE_GOLD_BACKUP_CONFIRMED";

    @Test
    void theMainPathsWorkUnderTheLeastGrants() throws Exception {
        String in = "('" + CHANGED + "', '" + DELETED + "', '" + GameStateSeeder.demoAddress(FIRST + 2) + "')";
        E2eDatabase.game("DELETE FROM players WHERE wallet_address IN " + in);
        E2eDatabase.game("DELETE FROM gold_mining WHERE wallet_address IN " + in);
        GameStateSeeder.seed(E2eDatabase.game(), FIRST, 3, 2);
        // Unverified wallets do not accrue: the gold a restore writes back is exactly the gold stored now.
        E2eDatabase.game("UPDATE gold_mining SET is_blockchain_verified = false WHERE wallet_address IN " + in);
        long lastEvent = count("SELECT coalesce(max(id), 0) FROM audit_events");
        try (PackagedService service = PackagedService.start("least-privilege", ServiceResource.config())) {
            service.awaitReady(Duration.ofMinutes(2));
            RequestSpecification ada = given().baseUri(service.url()).auth().oauth2(Keycloak.password("ada"))
                    .contentType(ContentType.JSON);
            long backupId = ada.body(Map.of("backupType", "manual", "backupName", "least privilege"))
                    .post("/api/v1/backups").then().statusCode(201).extract().jsonPath().getLong("id");
            Object before = gold(CHANGED);

            E2eDatabase.game("UPDATE gold_mining SET accumulated_gold = 0.5 WHERE wallet_address = '" + CHANGED + "'");
            E2eDatabase.game("DELETE FROM players WHERE wallet_address = '" + DELETED + "'");
            E2eDatabase.game("DELETE FROM gold_mining WHERE wallet_address = '" + DELETED + "'");

            Map<String, Object> targets = Map.of("backupId", backupId, "targetWallets", List.of(CHANGED, DELETED),
                    "restoreDeleted", true);
            String fingerprint = given().baseUri(service.url()).auth().oauth2(Keycloak.password("ada"))
                    .contentType(ContentType.JSON).body(with(targets, "dryRun", true)).post("/api/v1/restores").then()
                    .statusCode(200).body("walletsToRecreate", equalTo(1)).extract().jsonPath()
                    .getString("fingerprint");
            long safety = given().baseUri(service.url()).auth().oauth2(Keycloak.password("ada"))
                    .contentType(ContentType.JSON)
                    .body(with(with(with(targets, "dryRun", false), "confirmationCode", RESTORE), "fingerprint",
                            fingerprint))
                    .post("/api/v1/restores").then().statusCode(200).body("status", equalTo("completed")).extract()
                    .jsonPath().getLong("safetyBackupId");
            assertEquals(before, gold(CHANGED), "the changed wallet has its backed-up gold again");
            assertEquals(1L, count("SELECT count(*) FROM gold_mining WHERE wallet_address = '" + DELETED + "'"),
                    "the deleted wallet is back");

            // Undo: the safety snapshot recorded that the deleted wallet did not exist; the undo removes it again.
            given().baseUri(service.url()).auth().oauth2(Keycloak.password("ada")).contentType(ContentType.JSON)
                    .body(Map.of("backupId", safety, "dryRun", false, "restoreDeleted", true,
                            "confirmationCode", RESTORE))
                    .post("/api/v1/restores").then().statusCode(200).body("status", equalTo("completed"));
            assertEquals(0.5, ((Number) gold(CHANGED)).doubleValue(), 1e-9, "the undo put back the changed gold");
            assertEquals(0L, count("SELECT count(*) FROM gold_mining WHERE wallet_address = '" + DELETED + "'"),
                    "the undo removed the re-created wallet");

            given().baseUri(service.url()).auth().oauth2(Keycloak.password("ada")).contentType(ContentType.JSON)
                    .body(Map.of("dryRun", true)).post("/api/v1/cleanup").then().statusCode(200);
            given().baseUri(service.url()).auth().oauth2(Keycloak.password("ada")).contentType(ContentType.JSON)
                    .body(Map.of("dryRun", false, "confirmationCode", "CLEANUP_GOLD_BACKUPS_CONFIRMED"))
                    .post("/api/v1/cleanup").then().statusCode(200);
            assertEquals(List.of(), E2eDatabase.strings("SELECT action || ': ' || coalesce(detail, '') FROM audit_events"
                    + " WHERE outcome <> 'succeeded' AND id > " + lastEvent), "nothing of this test failed");
        }
    }

    @Test
    void theServicesRoleCannotDropAlterOrEmptyAGameTable() throws SQLException {
        for (String sql : List.of("DROP TABLE gold_mining", "ALTER TABLE gold_mining ADD COLUMN hacked integer",
                "ALTER TABLE players DROP COLUMN bank_balance", "TRUNCATE players", "TRUNCATE gold_mining CASCADE",
                "DELETE FROM owned_meks", "INSERT INTO owned_meks (wallet_address, asset_id) VALUES ('x', 'y')",
                "UPDATE gold_mining SET is_blockchain_verified = true", "CREATE TABLE public.gold_backup_stash (i int)",
                "CREATE INDEX ON gold_mining (updated_at)")) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Connection c = E2eDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.execute(sql);
                }
            }, sql);
            assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
        }
    }

    @Test
    void aStartAgainstASchemaWithoutTheGameTablesStopsNamingThem() throws Exception {
        Map<String, String> config = new java.util.HashMap<>(ServiceResource.config());
        config.put("gold-backup.live.schema", "no_game_here");
        try (PackagedService service = PackagedService.start("no-game-tables", config)) {
            assertTrue(service.process().waitFor(120, TimeUnit.SECONDS), "the service kept running");
            assertNotEquals(0, service.process().exitValue());
            for (String table : List.of("gold_mining", "owned_meks", "players")) {
                assertTrue(service.output().contains("table no_game_here." + table + " is missing"), service.output());
            }
        }
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static Object gold(String wallet) {
        return E2eDatabase.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = '" + wallet + "'");
    }

    private static long count(String sql) {
        return ((Number) E2eDatabase.single(sql)).longValue();
    }
}
