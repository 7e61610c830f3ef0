package io.goldbackup.health;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SystemStatsTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
    }

    private static long create(String type) {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"" + type + "\"}").post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void freshInstallHasNoBackupsAndFailingIndicators() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/stats").then().statusCode(200)
                .body("totalBackups", equalTo(0))
                .body("mostRecentBackup", nullValue())
                .body("oldestBackup", nullValue())
                .body("health.hasRecentBackup", equalTo(false))
                .body("health.hasMultipleBackups", equalTo(false))
                .body("health.storageUsageOK", equalTo(true))
                .body("health.backupFrequencyOK", equalTo(false))
                .body("performance.averageBackupDurationMs", nullValue())
                .body("performance.restoreSuccessRate", nullValue())
                .body("currentSystemStats.totalGoldMiners", equalTo(0));
    }

    @Test
    void statsCarryEveryFieldOfTheSeedWithMeasuredStorage() {
        db.seed(1, 40);
        long first = create("manual");
        create("emergency");
        long last = create("auto_daily");
        // Backdate one backup so that the windows differ (they count backups by completion time).
        db.update("UPDATE gold_backups SET backup_timestamp = now() - interval '3 days', "
                + "completed_at = now() - interval '3 days' + interval '1 minute' WHERE id = ?", first);
        JsonPath stats = given().auth().oauth2(Tokens.viewer()).get("/api/v1/stats").then().statusCode(200)
                .body("totalBackups", equalTo(3))
                .body("backupsLast24h", equalTo(2))
                .body("backupsLast7Days", equalTo(3))
                .body("backupsLast30Days", equalTo(3))
                .body("totalUserDataRecords", equalTo(120))
                .body("mostRecentBackup.id", equalTo((int) last))
                .body("oldestBackup.id", equalTo((int) first))
                .body("backupTypes.manual", equalTo(1))
                .body("backupTypes.emergency", equalTo(1))
                .body("backupTypes.auto_daily", equalTo(1))
                .body("backupTypes.pre_update", equalTo(0))
                .body("health.hasRecentBackup", equalTo(true))
                .body("health.hasMultipleBackups", equalTo(true))
                .body("health.backupFrequencyOK", equalTo(false))
                .body("performance.averageBackupDurationMs", notNullValue())
                .body("currentSystemStats.totalGoldMiners", equalTo(40))
                .extract().jsonPath();
        long measured = ((Number) db.single("""
                SELECT sum(pg_total_relation_size(relid)) + pg_total_relation_size('gold_backups')
                FROM pg_partition_tree('gold_backup_wallets') WHERE isleaf
                """)).longValue();
        assertEquals(measured, stats.getLong("storageBytes"));
        assertEquals(measured / 1024.0 / 1024.0, stats.getDouble("storageMB"), 0.01);
        double liveRate = ((Number) db.single("SELECT sum(total_gold_per_hour) FROM gold_mining")).doubleValue();
        assertEquals(liveRate, stats.getDouble("currentSystemStats.totalGoldPerHour"), liveRate * 1e-9);
        assertTrue(stats.getDouble("currentSystemStats.totalCurrentGold") > 0);
        long recentBytes = db.count("SELECT sum(size_bytes) FROM gold_backups");
        assertEquals(recentBytes / 7.0, stats.getDouble("performance.storageGrowthBytesPerDay"), 0.01);
    }
}
