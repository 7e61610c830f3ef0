package io.goldbackup.restore;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore's safety snapshot is a backup of its own purpose: restorable for undo, but no backup for the health
 * indicators, the statistics, the freshness metric or the chart. A dashboard whose last real backup is 30 hours old
 * stays unhealthy after a restore.
 */
@QuarkusTest
class SafetySnapshotTest {

    private static final String WALLET = GameStateSeeder.demoAddress(7);

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
        db.seed(1, 20);
    }

    @Test
    void aSafetySnapshotIsRestorableButCountsAsNoBackup() {
        // Taken 30 hours ago on the service's clock (its time is sealed: changing it in SQL would make it corrupt).
        Instant thirtyHoursAgo = Instant.now().minusSeconds(30 * 3600);
        clock.set(thirtyHoursAgo);
        long old = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        clock.reset();
        db.update("UPDATE gold_backups SET completed_at = ? WHERE id = ?", java.sql.Timestamp.from(thirtyHoursAgo),
                old);
        JsonPath before = stats();
        assertEquals(false, before.getBoolean("health.hasRecentBackup"));
        double metricBefore = lastSuccessMetric();

        // No accrual either, so that the safety snapshot holds exactly what the restore overwrites.
        db.update("UPDATE gold_mining SET accumulated_gold = 1, total_gold_per_hour = 0 WHERE wallet_address = ?",
                WALLET);
        long safety = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + old + ",\"targetWallets\":[\"" + WALLET
                        + "\"],\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200).extract().jsonPath().getLong("safetyBackupId");

        // Listed, with its purpose, as the backup that undoes the restore.
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + safety).then().statusCode(200)
                .body("purpose", equalTo("restore_safety")).body("status", equalTo("completed"))
                .body("userDataCount", equalTo(1));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + old).then()
                .body("purpose", equalTo("backup"));

        // Counts as nothing for the indicators, the statistics and the metric.
        JsonPath after = stats();
        assertEquals(false, after.getBoolean("health.hasRecentBackup"), "the only real backup is 30 h old");
        assertEquals(before.getLong("totalBackups"), after.getLong("totalBackups"));
        assertEquals(0, after.getLong("backupsLast24h"));
        assertEquals(old, after.getLong("mostRecentBackup.id"));
        assertEquals(1L, after.getLong("backupTypes.manual"));
        assertEquals(0L, after.getLong("backupTypes.emergency"), "the safety snapshot is of type emergency");
        assertEquals(metricBefore, lastSuccessMetric(), "the freshness metric does not move");
        given().get("/q/health/group/backups").then().body("checks.find { it.name == 'backups' }.data.hasRecentBackup",
                equalTo(false));

        // And still undoes the restore.
        double restored = ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?",
                WALLET)).doubleValue();
        assertTrue(restored != 1, "the restore wrote the backup's gold");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + safety + ",\"dryRun\":false,"
                        + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200);
        // Undone: the wallet holds the gold it had when the safety snapshot was taken (1 plus what it had earned).
        double atSnapshot = ((Number) db.single("SELECT current_gold FROM gold_backup_wallets WHERE backup_id = ? "
                + "AND wallet_address = ?", safety, WALLET)).doubleValue();
        assertTrue(atSnapshot >= 1 && atSnapshot < restored, "the snapshot holds the overwritten value");
        assertEquals(atSnapshot, ((Number) db.single(
                "SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?", WALLET)).doubleValue(), "undone");
    }

    private static JsonPath stats() {
        return given().auth().oauth2(Tokens.viewer()).get("/api/v1/stats").then().statusCode(200).extract()
                .jsonPath();
    }

    private static double lastSuccessMetric() {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("gold_backup_last_success_timestamp_seconds "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
    }
}
