package io.goldbackup.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The game's gold rule, case by case, and the mek figures a backup records. */
@QuarkusTest
class GoldRuleTest {

    private static final String ACCRUING = GameStateSeeder.demoAddress(101);
    private static final String TWO_FAILURES = GameStateSeeder.demoAddress(102);
    private static final String THREE_FAILURES = GameStateSeeder.demoAddress(103);
    private static final String UNVERIFIED = GameStateSeeder.demoAddress(104);
    private static final String FUTURE = GameStateSeeder.demoAddress(105);
    private static final String NEVER_SNAPSHOT = GameStateSeeder.demoAddress(106);
    private static final String NO_MEKS = GameStateSeeder.demoAddress(107);
    private static final String BAD_FORMAT = "addr_not_a_stake_address";

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
    }

    @Test
    void goldFollowsTheGameRuleForEveryCase() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        db.insertWallet(ACCRUING, 100, 30, twoHoursAgo, true, 0);
        db.insertWallet(TWO_FAILURES, 100, 30, twoHoursAgo, true, 2);
        db.insertWallet(THREE_FAILURES, 100, 30, twoHoursAgo, true, 3);
        db.insertWallet(UNVERIFIED, 100, 30, twoHoursAgo, false, 0);
        db.insertWallet(FUTURE, 100, 30, Instant.now().plus(Duration.ofHours(5)), true, 0);
        db.insertWallet(NEVER_SNAPSHOT, 100, 30, null, true, 0);
        for (String a : List.of(ACCRUING, TWO_FAILURES, THREE_FAILURES, UNVERIFIED, FUTURE, NEVER_SNAPSHOT)) {
            db.insertMek(a, "mek-a", 10);
            db.insertMek(a, "mek-b", 20);
        }
        JsonPath backup = create();
        Instant at = Instant.parse(backup.getString("backupTimestamp"));
        Map<String, Map<String, Object>> rows = rows(backup.getLong("id"));

        double hours = Duration.between(twoHoursAgo, at).toNanos() / 3.6e12;
        assertEquals(100 + 30 * hours, gold(rows, ACCRUING), 1e-6);
        assertEquals(100 + 30 * hours, gold(rows, TWO_FAILURES), 1e-6);
        assertEquals(100, gold(rows, THREE_FAILURES));
        assertEquals(100, gold(rows, UNVERIFIED));
        assertEquals(100, gold(rows, FUTURE));
        assertEquals(100, gold(rows, NEVER_SNAPSHOT));

        Map<String, Object> accruing = rows.get(ACCRUING);
        assertEquals(30.0, ((Number) accruing.get("goldPerHour")).doubleValue());
        assertEquals(100.0, ((Number) accruing.get("accumulatedGold")).doubleValue());
        assertEquals(2, accruing.get("mekCount"));
        assertEquals(20.0, ((Number) accruing.get("topMekGoldRate")).doubleValue());
        assertEquals("mek-b", accruing.get("topMekAssetId"));
        assertEquals(30.0, ((Number) accruing.get("totalMekGoldRate")).doubleValue());

        List<Map<String, Object>> warnings = backup.getList("warnings");
        assertEquals(List.of("FUTURE_SNAPSHOT_TIME"), warnings.stream().map(w -> w.get("code")).toList());
        assertEquals(List.of(FUTURE), warnings.get(0).get("sample"));
    }

    @Test
    void meksPlayersAndWarningsAreRecorded() {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        db.insertWallet(NO_MEKS, 5, 12, hourAgo, false, 0);
        db.insertWallet(BAD_FORMAT, 7, 0, hourAgo, false, 0);
        db.insertWallet(ACCRUING, 1, 50, hourAgo, false, 0);
        db.insertMek(ACCRUING, "mek-1", 25);
        db.insertMek(ACCRUING, "mek-2", 25);
        db.insertMek(ACCRUING, "mek-0", 12.5);
        db.insertPlayer(ACCRUING, 17, 123456789012L, 55.25);

        JsonPath backup = create();
        Map<String, Map<String, Object>> rows = rows(backup.getLong("id"));

        Map<String, Object> noMeks = rows.get(NO_MEKS);
        assertEquals(0, noMeks.get("mekCount"));
        assertNull(noMeks.get("topMekGoldRate"));
        assertNull(noMeks.get("topMekAssetId"));
        assertEquals(0.0, ((Number) noMeks.get("totalMekGoldRate")).doubleValue());
        assertNull(noMeks.get("level"));

        Map<String, Object> withMeks = rows.get(ACCRUING);
        assertEquals(3, withMeks.get("mekCount"));
        // Two meks share the top rate: the tie goes to the greatest asset id.
        assertEquals("mek-2", withMeks.get("topMekAssetId"));
        assertEquals(62.5, ((Number) withMeks.get("totalMekGoldRate")).doubleValue());
        assertEquals(17, withMeks.get("level"));
        assertEquals(123456789012L, ((Number) withMeks.get("experience")).longValue());
        assertEquals(55.25, ((Number) withMeks.get("bankBalance")).doubleValue());

        Map<String, Long> counts = backup.getList("warnings", Map.class).stream()
                .collect(Collectors.toMap(w -> (String) w.get("code"), w -> ((Number) w.get("count")).longValue()));
        // NO_MEKS has a rate of 12 without meks; ACCRUING's meks add up to 62.5, not 50.
        assertEquals(Map.of("INVALID_ADDRESS_FORMAT", 1L, "MEK_RATE_MISMATCH", 2L), counts);

        JsonPath details = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + backup.getLong("id"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, details.getInt("totalMeks"));
        assertEquals(3, details.getInt("userDataCount"));
        assertEquals(13.0, details.getDouble("totalGold"));
        assertEquals(62.0, details.getDouble("totalGoldPerHour"));
    }

    private static JsonPath create() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath();
    }

    private static Map<String, Map<String, Object>> rows(long id) {
        List<Map<String, Object>> list = given().auth().oauth2(Tokens.viewer()).queryParam("limit", 1000)
                .get("/api/v1/backups/" + id + "/wallets").then().statusCode(200).extract().jsonPath().getList("$");
        return list.stream().collect(Collectors.toMap(r -> (String) r.get("walletAddress"), r -> r));
    }

    private static double gold(Map<String, Map<String, Object>> rows, String address) {
        return ((Number) rows.get(address).get("currentGold")).doubleValue();
    }
}
