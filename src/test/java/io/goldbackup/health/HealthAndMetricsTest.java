package io.goldbackup.health;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class HealthAndMetricsTest {

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    DatabaseWatch watch;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 25);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aFreshInstallIsReadyButItsBackupGroupIsDownWithReasons() {
        // Readiness shows the background check's last reading; take one now rather than wait for the next.
        watch.refresh();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'migrations' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'migrations' }.data.pending", equalTo(0))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.hasRecentBackup", equalTo(false))
                .body("checks.find { it.name == 'database' }.data.checkedAt", org.hamcrest.Matchers.notNullValue());
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/group/backups").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'backups' }.data.hasRecentBackup", equalTo(false))
                .body("checks.find { it.name == 'backups' }.data.hoursSinceLastBackup", equalTo("never"))
                .body("checks.find { it.name == 'backups' }.data.hasMultipleBackups", equalTo(false))
                .body("checks.find { it.name == 'backups' }.data.backupFrequencyOK", equalTo(false))
                .body("checks.find { it.name == 'backups' }.data.storageUsageOK", equalTo(true))
                .body("checks.find { it.name == 'backups' }.data.recentBackupHoursThreshold", equalTo(25))
                .body("checks.find { it.name == 'backups' }.data.minBackupsLast7Days", equalTo(7));
    }

    @Test
    void aHealthyWeekOfDailyBackupsTurnsTheGroupUp() {
        Instant today = Instant.parse("2026-09-14T02:00:00Z");
        for (int day = 6; day >= 0; day--) {
            clock.set(today.minus(Duration.ofDays(day)));
            given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/daily-backup").then().statusCode(201);
        }
        clock.set(today.plus(Duration.ofHours(3)));
        given().get("/q/health/group/backups").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'backups' }.data.backupsLast7Days", equalTo(7))
                .body("checks.find { it.name == 'backups' }.data.hoursSinceLastBackup", equalTo("3.0"));
        // A day later without a backup, the group is DOWN again, and readiness stays UP.
        clock.set(today.plus(Duration.ofHours(26)));
        given().get("/q/health/group/backups").then().statusCode(503)
                .body("checks.find { it.name == 'backups' }.data.hasRecentBackup", equalTo(false));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void backupsInTheLast7DaysCountByCompletionTime() {
        Instant now = Instant.parse("2026-09-14T02:10:00Z");
        long[] ids = new long[3];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                    .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                    .jsonPath().getLong("id");
        }
        // Started 7 days and 10 minutes ago, completed 7 days minus 5 minutes ago: in the window. By start time it
        // would have left it while today's 02:00 backup still runs.
        times(ids[0], now.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(10)),
                now.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(5)));
        // Started and completed before the window.
        times(ids[1], now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(8)).plus(Duration.ofMinutes(15)));
        // Completed an hour ago.
        times(ids[2], now.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(15)), now.minus(Duration.ofHours(1)));
        clock.set(now);
        watch.refresh();
        given().get("/q/health/group/backups").then().statusCode(503)
                .body("checks.find { it.name == 'backups' }.data.backupsLast7Days", equalTo(2))
                .body("checks.find { it.name == 'backups' }.data.completedBackups", equalTo(3));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/stats").then().statusCode(200)
                .body("backupsLast24h", equalTo(1))
                .body("backupsLast7Days", equalTo(2))
                .body("backupsLast30Days", equalTo(3));
        assertEquals(2.0, metric(metrics(), "gold_backup_frequency_backups"));
        // Five minutes later the backup that started before the window has left it as well.
        clock.set(now.plus(Duration.ofMinutes(6)));
        watch.refresh();
        given().get("/q/health/group/backups").then().statusCode(503)
                .body("checks.find { it.name == 'backups' }.data.backupsLast7Days", equalTo(1));
    }

    private void times(long id, Instant started, Instant completed) {
        db.update("UPDATE gold_backups SET backup_timestamp = ?, completed_at = ? WHERE id = ?",
                java.sql.Timestamp.from(started), java.sql.Timestamp.from(completed), id);
    }

    @Test
    void theIndicatorsTheirFiguresAndTheConfiguredThresholdsAreExported() {
        watch.refresh();
        String none = metrics();
        assertEquals(0.0, metric(none, "gold_backup_health_indicator{indicator=\"hasRecentBackup\"}"));
        assertEquals(0.0, metric(none, "gold_backup_health_indicator{indicator=\"hasMultipleBackups\"}"));
        assertEquals(1.0, metric(none, "gold_backup_health_indicator{indicator=\"storageUsageOK\"}"));
        assertEquals(0.0, metric(none, "gold_backup_health_indicator{indicator=\"backupFrequencyOK\"}"));
        assertEquals(0.0, metric(none, "gold_backup_completed_backups"));
        assertEquals(0.0, metric(none, "gold_backup_frequency_backups"));
        // The thresholds are the configuration (the defaults here), in base units.
        assertEquals(25 * 3600.0, metric(none, "gold_backup_recent_backup_threshold_seconds"));
        assertEquals(2.0, metric(none, "gold_backup_min_backups"));
        assertEquals(7.0, metric(none, "gold_backup_frequency_min_backups"));
        assertEquals(100 * 1024 * 1024.0, metric(none, "gold_backup_storage_warn_bytes"));
        assertEquals(500 * 1024 * 1024.0, metric(none, "gold_backup_storage_limit_bytes"));

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                    .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201);
        }
        // A restore's safety snapshot is no backup: not counted.
        long id = db.count("SELECT max(id) FROM gold_backups");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id
                        + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200);
        watch.refresh();
        String two = metrics();
        assertEquals(1.0, metric(two, "gold_backup_health_indicator{indicator=\"hasRecentBackup\"}"));
        assertEquals(1.0, metric(two, "gold_backup_health_indicator{indicator=\"hasMultipleBackups\"}"));
        assertEquals(0.0, metric(two, "gold_backup_health_indicator{indicator=\"backupFrequencyOK\"}"));
        assertEquals(2.0, metric(two, "gold_backup_completed_backups"));
        assertEquals(2.0, metric(two, "gold_backup_frequency_backups"));
        for (String family : new String[]{"gold_backup_health_indicator", "gold_backup_completed_backups",
                "gold_backup_frequency_backups", "gold_backup_recent_backup_threshold_seconds",
                "gold_backup_min_backups", "gold_backup_frequency_min_backups", "gold_backup_storage_warn_bytes",
                "gold_backup_storage_limit_bytes"}) {
            assertTrue(two.contains("# HELP " + family + " "), "described: " + family);
            assertTrue(two.contains("# TYPE " + family + " gauge"), "a gauge: " + family);
        }
    }

    private static double metric(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void metricsFollowBackupsRestoresAndCleanups() {
        String before = metrics();
        long id = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id + ",\"dryRun\":true}").post("/api/v1/restores").then().statusCode(200);
        String runOperation = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id
                        + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200).extract().jsonPath().getString("operationId");
        // Two newer backups, so that the expired one is not among the newest two that cleanup always keeps (the
        // restore's safety snapshot is no backup and protects nothing).
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                    .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201);
        }
        db.update("UPDATE gold_backups SET expires_at = now() - interval '1 day' WHERE id = ?", id);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"dryRun\":false,\"confirmationCode\":\"CLEANUP_GOLD_BACKUPS_CONFIRMED\"}")
                .post("/api/v1/cleanup").then().statusCode(200).body("deletedBackups", equalTo(1));
        String after = metrics();
        // What Prometheus reads (text format 0.0.4); MetricsSnapshot writes it out for `promtool check metrics` in CI.
        String exposition = given().accept("text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertTrue(exposition.contains("# TYPE gold_backup_attempts_total counter"));

        String manual = "{type=\"manual\"}";
        assertEquals(metric(before, "gold_backup_attempts_total" + manual) + 3,
                metric(after, "gold_backup_attempts_total" + manual));
        assertEquals(metric(before, "gold_backup_success_total" + manual) + 3,
                metric(after, "gold_backup_success_total" + manual));
        // The restore's safety snapshot is an emergency backup taken inside the restore, not counted as an attempt.
        assertEquals(metric(before, "gold_backup_duration_seconds_count") + 3,
                metric(after, "gold_backup_duration_seconds_count"));
        assertEquals(metric(before, "gold_restore_total{dry_run=\"true\",outcome=\"completed\"}") + 1,
                metric(after, "gold_restore_total{dry_run=\"true\",outcome=\"completed\"}"));
        assertEquals(metric(before, "gold_restore_total{dry_run=\"false\",outcome=\"completed\"}") + 1,
                metric(after, "gold_restore_total{dry_run=\"false\",outcome=\"completed\"}"));
        assertEquals(metric(before, "gold_cleanup_deleted_backups_total") + 1,
                metric(after, "gold_cleanup_deleted_backups_total"));
        // The last completed backup: 25 wallets, completed just now.
        assertEquals(25.0, metric(after, "gold_backup_last_wallets"));
        assertTrue(Math.abs(metric(after, "gold_backup_last_success_timestamp_seconds")
                - Instant.now().getEpochSecond()) < 120);
        assertTrue(metric(after, "gold_backup_storage_bytes") > 0);
        for (String help : new String[]{"gold_backup_attempts_total", "gold_backup_success_total",
                "gold_backup_failure_total", "gold_backup_duration_seconds",
                "gold_backup_last_success_timestamp_seconds",
                "gold_backup_last_wallets", "gold_backup_storage_bytes", "gold_restore_total",
                "gold_cleanup_deleted_backups_total"}) {
            // Counters are described under their family name, without the _total of their samples.
            String family = help.replaceFirst("_total$", "");
            assertTrue(after.contains("# HELP " + family + " "), "described: " + help);
        }
        // The operation id of the restore is the one of its audit event.
        assertEquals(runOperation, db.single("SELECT operation_id FROM audit_events WHERE action = 'restore.apply' "
                + "ORDER BY id DESC LIMIT 1"));
    }
}
