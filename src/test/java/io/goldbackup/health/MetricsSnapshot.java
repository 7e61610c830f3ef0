package io.goldbackup.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes what a Prometheus scrape reads ({@code GET /q/metrics}, text format 0.0.4) to {@code target/metrics.prom},
 * for {@code promtool check metrics} in {@code .ci/run}. A build step, not a test: it runs only with
 * {@code ./mvnw -B test -Pmetrics-snapshot} (its tag is excluded and its name is not a test's, so
 * {@code ./mvnw verify} never writes the file). It boots the service once and, through the API, gives every
 * {@code gold_} metric a sample: a backup, a second backup refused by the storage limit, a verification, a restore dry
 * run, a cleanup dry run, a cleanup that finds nothing to delete and a restore drill; the health indicators' gauges and the configured
 * thresholds have a sample from the start. It fails when a family is missing, so promtool never checks a file that
 * lacks one.
 */
@QuarkusTest
@TestProfile(MetricsSnapshot.OneBackupAllowed.class)
@Tag("metrics-snapshot")
class MetricsSnapshot {

    static final Path FILE = Path.of("target", "metrics.prom");

    /** Every gold_ metric family as the 0.0.4 format names it in its TYPE line. */
    static final List<String> FAMILIES = List.of("gold_backup_attempts_total", "gold_backup_success_total",
            "gold_backup_failure_total", "gold_backup_refused_total", "gold_backup_duration_seconds",
            "gold_backup_last_success_timestamp_seconds", "gold_backup_last_wallets", "gold_backup_storage_bytes",
            "gold_restore_total", "gold_cleanup_deleted_backups_total", "gold_backup_verify_total",
            "gold_backup_corrupt_backups", "gold_backup_verify_overdue_backups", "gold_backup_health_indicator",
            "gold_backup_completed_backups", "gold_backup_frequency_backups",
            "gold_backup_recent_backup_threshold_seconds", "gold_backup_min_backups",
            "gold_backup_frequency_min_backups", "gold_backup_storage_warn_bytes", "gold_backup_storage_limit_bytes",
            "gold_backup_restore_drill_total",
            "gold_backup_restore_drill_duration_seconds", "gold_backup_restore_drill_last_success_timestamp_seconds");

    /** One backup may exist, so that the second is refused and the refusal counter has a sample. */
    public static class OneBackupAllowed implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gold-backup.storage.max-backups", "1");
        }
    }

    @Inject
    Db db;

    @Test
    void writeTheScrapeWithASampleOfEveryGoldMetric() throws IOException {
        Files.deleteIfExists(FILE);
        db.reset();
        db.seed(1, 25);

        long id = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"backupType\":\"manual\"}")
                .post("/api/v1/backups").then().statusCode(507);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200)
                .body("ok", equalTo(true));
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id + ",\"dryRun\":true}").post("/api/v1/restores").then().statusCode(200);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"dryRun\":true}")
                .post("/api/v1/cleanup").then().statusCode(200);
        // The deletion counter is registered by the first real cleanup; the only backup is the newest, so it stays.
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"dryRun\":false,\"confirmationCode\":\"CLEANUP_GOLD_BACKUPS_CONFIRMED\"}")
                .post("/api/v1/cleanup").then().statusCode(200).body("deletedBackups", equalTo(0));
        assertEquals(1, db.count("SELECT count(*) FROM gold_backups WHERE id = ?", id));
        // A restore drill of that backup: the drill counter, its recovery time and the last success gauge.
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{}").post("/api/v1/drills")
                .then().statusCode(201).body("status", equalTo("passed"));

        String exposition = given().accept("text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        List<String> missing = new ArrayList<>();
        for (String family : FAMILIES) {
            boolean typed = exposition.contains("\n# TYPE " + family + " ");
            boolean sampled = Arrays.stream(exposition.split("\n")).anyMatch(line -> line.startsWith(family));
            if (!typed || !sampled) {
                missing.add(family);
            }
        }
        assertEquals(List.of(), missing, "gold_ metric families without a TYPE line or a sample");

        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, exposition);
        assertTrue(Files.size(FILE) > 0);
        Log.infof("Wrote %s: %d bytes, %d gold_ samples", FILE.toAbsolutePath(), Files.size(FILE),
                Arrays.stream(exposition.split("\n")).filter(line -> line.startsWith("gold_")).count());
    }
}
