package io.goldbackup.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.goldbackup.testsupport.VerificationTime;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled verification on the test clock: what is due (never verified, or not within 7 days), in which order
 * (never verified first, then the longest unverified), within the run's budget (30 minutes), one run at a time.
 */
@QuarkusTest
class ScheduledVerificationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T04:30:00Z");

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    VerificationTime verificationTime;

    @Inject
    ScheduledJobs scheduled;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 10);
    }

    @AfterEach
    void resetClock() {
        verificationTime.reset();
        clock.reset();
    }

    private static long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    private static JsonPath run() {
        return given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/verify").then().log().ifValidationFails()
                .statusCode(200).extract().jsonPath();
    }

    private void lastVerified(long id, Instant at) {
        db.update("UPDATE gold_backups SET last_verified_at = ?::timestamptz, last_verify_ok = true WHERE id = ?",
                at.toString(), id);
    }

    private Instant lastVerifiedAt(long id) {
        Object at = db.single("SELECT to_char(last_verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "FROM gold_backups WHERE id = ?", id);
        return at == null ? null : Instant.parse((String) at);
    }

    @Test
    void dueBackupsAreVerifiedNeverVerifiedFirstThenTheLongestUnverified() {
        long tenDays = backup();
        long eightDays = backup();
        long never = backup();
        long yesterday = backup();
        long failed = backup();
        lastVerified(tenDays, NOW.minus(Duration.ofDays(10)));
        lastVerified(eightDays, NOW.minus(Duration.ofDays(8)));
        lastVerified(yesterday, NOW.minus(Duration.ofDays(1)));
        db.update("UPDATE gold_backups SET status = 'failed' WHERE id = ?", failed);
        clock.set(NOW);

        JsonPath run = run();

        assertEquals(List.of((int) never, (int) tenDays, (int) eightDays), run.getList("backups.backupId"));
        assertEquals(List.of("ok", "ok", "ok"), run.getList("backups.result"));
        assertEquals(3, run.getInt("due"));
        assertEquals(3, run.getInt("verified"));
        assertEquals(0, run.getInt("remaining"));
        assertEquals(false, run.getBoolean("budgetSpent"));
        assertEquals("PT168H", run.getString("every"));
        assertEquals("PT30M", run.getString("budget"));
        for (long id : List.of(never, tenDays, eightDays)) {
            assertEquals(NOW, lastVerifiedAt(id), "backup " + id);
        }
        assertEquals(NOW.minus(Duration.ofDays(1)), lastVerifiedAt(yesterday));
        assertNull(lastVerifiedAt(failed));
        // Verified now, none is due again before 7 days have passed; then the longest unverified comes first.
        assertEquals(0, run().getInt("due"));
        clock.set(NOW.plus(Duration.ofDays(7)));
        assertEquals(List.of((int) yesterday, (int) tenDays, (int) eightDays, (int) never),
                run().getList("backups.backupId"));
    }

    @Test
    void aRunStartsNoVerificationOnceItsBudgetIsSpentAndTheRestComeFirstNextTime() {
        List<Long> ids = List.of(backup(), backup(), backup(), backup(), backup());
        clock.set(NOW);
        // Each verification takes 10 minutes: a 30-minute budget starts three.
        verificationTime.eachTakes(Duration.ofMinutes(10));

        JsonPath first = run();

        assertEquals(List.of(ids.get(0).intValue(), ids.get(1).intValue(), ids.get(2).intValue()),
                first.getList("backups.backupId"));
        assertEquals(5, first.getInt("due"));
        assertEquals(3, first.getInt("verified"));
        assertEquals(2, first.getInt("remaining"));
        assertEquals(true, first.getBoolean("budgetSpent"));
        assertEquals(NOW, lastVerifiedAt(ids.get(0)));
        assertEquals(NOW.plus(Duration.ofMinutes(20)), lastVerifiedAt(ids.get(2)));
        assertNull(lastVerifiedAt(ids.get(3)));

        JsonPath second = run();

        assertEquals(List.of(ids.get(3).intValue(), ids.get(4).intValue()), second.getList("backups.backupId"));
        assertEquals(2, second.getInt("due"));
        assertEquals(false, second.getBoolean("budgetSpent"));
        assertEquals(0, run().getInt("due"));
    }

    @Test
    void oneRunAtATimeAcrossReplicas() throws Exception {
        backup();
        try (Connection other = db.dataSource().getConnection()) {
            // Another replica's run holds the turn.
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(?, 0)")) {
                ps.setInt(1, AdvisoryLock.VERIFY.namespace());
                ps.execute();
            }
            given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/verify").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("verification run"));
            // The scheduler on this replica has nothing to do: no failure, no retry.
            assertTrue(scheduled.runWithRetries(JobService.VERIFY));
            assertEquals(0, db.count("SELECT count(*) FROM gold_backups WHERE last_verified_at IS NOT NULL"));
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_unlock(?, 0)")) {
                ps.setInt(1, AdvisoryLock.VERIFY.namespace());
                ps.execute();
            }
        }
        assertTrue(scheduled.runWithRetries(JobService.VERIFY));
        assertEquals(1, db.count("SELECT count(*) FROM gold_backups WHERE last_verified_at IS NOT NULL"));
    }

    @Test
    void theJobIsAuditedWithItsCaller() {
        backup();
        run();
        List<Map<String, Object>> events = given().auth().oauth2(Tokens.operator()).queryParam("limit", 5)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> job = events.stream().filter(e -> "job.verify".equals(e.get("action"))).findFirst()
                .orElseThrow();
        assertEquals("operator-1", job.get("actor"));
        assertEquals("succeeded", job.get("outcome"));
        assertEquals("jobs/verify", job.get("target"));
    }
}
