package io.goldbackup.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.goldbackup.security.Actor;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class JobsTest {

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    JobService jobs;

    @Inject
    ScheduledJobs scheduled;

    @Inject
    JobMonitor monitor;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 20);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static JsonPath trigger(int status) {
        return given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/daily-backup").then().statusCode(status)
                .extract().jsonPath();
    }

    @Test
    void dailyBackupRunsOncePerUtcDayAndTheNextDayAgain() {
        clock.set(Instant.parse("2026-03-07T23:59:58Z"));
        JsonPath first = trigger(201);
        assertEquals(true, first.getBoolean("created"));
        assertEquals("Auto Daily 2026-03-07", first.getString("backup.backupName"));
        assertEquals("operator-1", first.getString("backup.triggeredBy"));
        clock.set(Instant.parse("2026-03-07T23:59:59.999Z"));
        JsonPath again = trigger(200);
        assertEquals(false, again.getBoolean("created"));
        assertEquals(first.getLong("backupId"), again.getLong("backupId"));
        clock.set(Instant.parse("2026-03-08T00:00:00Z"));
        JsonPath next = trigger(201);
        assertEquals("Auto Daily 2026-03-08", next.getString("backup.backupName"));
        assertEquals(2, db.count("SELECT count(*) FROM gold_backups WHERE backup_type = 'auto_daily'"));
    }

    @Test
    void aFailedDailyRunLeavesTheDayOpenForARetry() {
        long failed = trigger(201).getLong("backupId");
        db.update("UPDATE gold_backups SET status = 'failed' WHERE id = ?", failed);
        long retried = trigger(201).getLong("backupId");
        assertTrue(retried > failed);
        trigger(200);
    }

    @Test
    void concurrentDailyRunsCreateOneBackup() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<DailyBackupResult> run = () -> jobs.dailyBackup(Actor.SCHEDULER, Map.of("trigger", "test"));
            List<Future<DailyBackupResult>> results = pool.invokeAll(List.of(run, run, run, run));
            long created = 0;
            for (Future<DailyBackupResult> r : results) {
                created += r.get().created() ? 1 : 0;
            }
            assertEquals(1, created);
            assertEquals(1, db.count("SELECT count(*) FROM gold_backups WHERE backup_type = 'auto_daily'"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedScheduledRunIsRetriedWithBackoff() {
        long next = db.count("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END "
                + "FROM gold_backups_id_seq");
        // The next two backups find their table's name taken, and fail.
        db.execute("CREATE TABLE gold_backup_wallets_" + next + " (x int); CREATE TABLE gold_backup_wallets_"
                + (next + 1) + " (x int)");
        try {
            assertTrue(scheduled.runWithRetries(JobService.DAILY_BACKUP));
        } finally {
            db.execute("DROP TABLE gold_backup_wallets_" + next + "; DROP TABLE gold_backup_wallets_" + (next + 1));
        }
        assertEquals(List.of("failed", "failed", "completed"),
                db.strings("SELECT status FROM gold_backups WHERE backup_type = 'auto_daily' ORDER BY id"));
        assertEquals("scheduler", db.single("SELECT triggered_by FROM gold_backups WHERE status = 'completed'"));
    }

    @Test
    void schedulesAreTheSeedsInUtc() {
        CronParser quartz = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
        ExecutionTime daily = ExecutionTime.forCron(quartz.parse("0 0 2 * * ?"));
        ExecutionTime weekly = ExecutionTime.forCron(quartz.parse("0 0 3 ? * SUN"));
        ZonedDateTime saturday = ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(ZonedDateTime.of(2026, 11, 29, 3, 0, 0, 0, ZoneOffset.UTC), weekly.nextExecution(saturday).get());
        assertEquals(ZonedDateTime.of(2026, 12, 6, 3, 0, 0, 0, ZoneOffset.UTC),
                weekly.nextExecution(saturday.plusDays(1).withHour(3).withSecond(1)).get());
        assertEquals(ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, ZoneOffset.UTC),
                daily.nextExecution(saturday.withHour(23).withMinute(59)).get());
    }

    @Test
    void aJobStuckPastItsTimeLimitTurnsLivenessDown() {
        given().get("/q/health/live").then().statusCode(200);
        clock.set(Instant.parse("2026-05-01T02:00:00Z"));
        monitor.started("daily-backup");
        try {
            clock.advance(Duration.ofHours(1));
            given().get("/q/health/live").then().statusCode(200);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            given().get("/q/health/live").then().statusCode(503)
                    .body("checks.find { it.name == 'scheduler' }.data.stuck", equalTo("daily-backup"));
        } finally {
            monitor.finished("daily-backup");
        }
        given().get("/q/health/live").then().statusCode(200);
    }
}
