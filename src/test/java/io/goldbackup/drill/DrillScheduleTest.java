package io.goldbackup.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.schedule.JobService;
import io.goldbackup.schedule.ScheduledJobs;
import io.goldbackup.security.Actor;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled drills (test clock): the newest completed backup every run, the oldest kept one once a month, each
 * once per slot however often the job fires; a failed drill fails the job, and its retries report the same verdict
 * without drilling again. And what monitoring sees: the {@code restore-drill} indicator (with its rule before the
 * first drill) and the drill metrics.
 */
@QuarkusTest
class DrillScheduleTest {

    private static final Map<String, Object> TRIGGER = Map.of("trigger", "test");

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    JobService jobs;

    @Inject
    ScheduledJobs scheduler;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM drills");
        db.seed(1, 40);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
        db.execute("DELETE FROM drills");
    }

    private long backupAt(String instant) {
        clock.set(Instant.parse(instant));
        return DrillTest.backup();
    }

    private static List<String> kinds(ScheduledDrills drills) {
        return drills.drills().stream().map(d -> d.scheduledAs() + ":" + d.backupId() + ":" + d.status()).toList();
    }

    @Test
    void theNewestBackupEveryRunAndTheOldestKeptOnceAMonthEachOncePerSlot() {
        long oldest = backupAt("2026-09-01T02:00:00Z");
        long newest = backupAt("2026-09-05T02:00:00Z");

        clock.set(Instant.parse("2026-09-06T05:00:00Z"));
        ScheduledDrills first = jobs.restoreDrill(Actor.SCHEDULER, TRIGGER);
        assertEquals(List.of("newest:" + newest + ":passed", "oldest:" + oldest + ":passed"), kinds(first));
        // Another replica (or a CronJob beside the scheduler) firing for the same slot drills nothing more.
        ScheduledDrills again = jobs.restoreDrill(Actor.SCHEDULER, TRIGGER);
        assertEquals(first.drills().stream().map(Drill::id).toList(),
                again.drills().stream().map(Drill::id).toList());
        assertEquals(2L, db.count("SELECT count(*) FROM drills"));

        clock.set(Instant.parse("2026-09-13T05:00:00Z"));
        assertEquals(List.of("newest:" + newest + ":passed"), kinds(jobs.restoreDrill(Actor.SCHEDULER, TRIGGER)));
        clock.set(Instant.parse("2026-10-04T05:00:00Z"));
        assertEquals(List.of("newest:" + newest + ":passed", "oldest:" + oldest + ":passed"),
                kinds(jobs.restoreDrill(Actor.SCHEDULER, TRIGGER)));
        assertEquals(5L, db.count("SELECT count(*) FROM drills WHERE triggered_by = 'scheduler'"));
        assertTrue(db.count("SELECT count(*) FROM audit_events WHERE action = 'job.restore-drill' AND outcome = "
                + "'succeeded'") >= 4);
    }

    @Test
    void aFailedScheduledDrillFailsTheJobAndItsRetriesReportItWithoutDrillingAgain() {
        long id = backupAt("2026-09-05T02:00:00Z");
        db.update("UPDATE gold_backup_wallets SET gold_per_hour = gold_per_hour * 2 WHERE backup_id = ?", id);
        clock.set(Instant.parse("2026-09-06T05:00:00Z"));
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> jobs.restoreDrill(Actor.SCHEDULER, TRIGGER));
        assertTrue(failed.getMessage().contains("of backup " + id), failed.getMessage());
        // The scheduler's retries (and a CronJob's exit status) say failed too, and no second drill runs.
        assertFalse(scheduler.runWithRetries(JobService.RESTORE_DRILL));
        assertEquals(1L, db.count("SELECT count(*) FROM drills"));
        assertEquals("failed", db.single("SELECT status FROM drills"));
        assertTrue(db.count("SELECT count(*) FROM audit_events WHERE action = 'job.restore-drill' AND outcome = "
                + "'failed' AND detail LIKE '%restore drill(s) failed%'") >= 4);
    }

    @Test
    void theIndicatorCountsFromTheOldestBackupUntilADrillPassesThenFromTheLastPassedDrill() {
        backupAt("2026-09-01T02:00:00Z");
        clock.set(Instant.parse("2026-09-08T02:00:00Z"));
        given().get("/q/health/group/backups").then()
                .body("checks.find { it.name == 'restore-drill' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'restore-drill' }.data.lastPassedAt", equalTo("never"));
        clock.set(Instant.parse("2026-09-09T03:00:00Z"));
        given().get("/q/health/group/backups").then().statusCode(503)
                .body("checks.find { it.name == 'restore-drill' }.status", equalTo("DOWN"));

        long drillId = DrillTest.drill("{}").statusCode(201).body("status", equalTo("passed")).extract().jsonPath()
                .getLong("id");
        given().get("/q/health/group/backups").then()
                .body("checks.find { it.name == 'restore-drill' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'restore-drill' }.data.lastDrillId", equalTo((int) drillId))
                .body("checks.find { it.name == 'restore-drill' }.data.lastDrillStatus", equalTo("passed"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(Instant.parse("2026-09-09T03:00:00Z").getEpochSecond(),
                (long) value(metrics, "gold_backup_restore_drill_last_success_timestamp_seconds"));
        assertTrue(value(metrics, "gold_backup_restore_drill_total{result=\"passed\"}") >= 1);
        assertTrue(value(metrics, "gold_backup_restore_drill_duration_seconds_count") >= 1);

        clock.advance(Duration.ofDays(8).plusHours(1));
        given().get("/q/health/group/backups").then()
                .body("checks.find { it.name == 'restore-drill' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'restore-drill' }.data.hoursSinceLastPassed", equalTo(193));
    }

    @Test
    void withoutABackupTheIndicatorIsUpAndSaysWhy() {
        given().get("/q/health/group/backups").then()
                .body("checks.find { it.name == 'restore-drill' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'restore-drill' }.data.note",
                        equalTo("no completed backup to drill yet"));
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{}").post("/api/v1/drills")
                .then().statusCode(409);
    }

    private static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " is not in the scrape");
    }
}
