package io.goldbackup.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Prefer: respond-async} on every POST that starts long work: 202 with the Location of a resource that exists
 * (running) before the answer, Preference-Applied, and, polled to its end, the same outcome as the synchronous request;
 * the refusals decided up front (bad input, a missing role, a lock held, an unknown backup) still answer at once and
 * change nothing. The background work is audited as the caller.
 */
@QuarkusTest
class AsyncOperationsTest {

    private static final Instant NOW = Instant.parse("2026-06-14T03:00:00Z");
    private static final String CONFIRMED = "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"";
    private static final List<TableRows.Table> RUNS = List.of(
            new TableRows.Table("restore_runs", List.of("id"), Comparator.comparingLong(Long::parseLong)),
            new TableRows.Table("cleanup_runs", List.of("id"), Comparator.comparingLong(Long::parseLong)));

    @Inject
    Db db;

    @Inject
    TestClock clock;

    /** The last audit event before the test: the trail is append-only, so the test reads what came after. */
    private long auditMark;

    @BeforeEach
    void reset() {
        auditMark = db.count("SELECT coalesce(max(id), 0) FROM audit_events");
        db.reset();
        db.execute("DELETE FROM cleanup_runs");
        db.seed(1, 500);
        // Gold accrues with time: a fixed clock makes two backups of the same wallets alike to the checksum.
        clock.set(NOW);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ExtractableResponse<Response> accepted(ValidatableResponse response, String locationPath) {
        ExtractableResponse<Response> r = response.log().ifValidationFails().statusCode(202)
                .header("Preference-Applied", "respond-async").extract();
        String location = r.header("Location");
        assertNotNull(location, "a 202 names where to look");
        assertTrue(location.matches("https?://[^/]+" + locationPath), location + " is " + locationPath);
        return r;
    }

    private static long idOf(String location) {
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /** GETs {@code location} until its status is no longer running. */
    private static JsonPath poll(String location, String token) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonPath now = given().auth().oauth2(token).get(location).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(now.getString("status"))) {
                return now;
            }
            assertTrue(Instant.now().isBefore(deadline), "still running: " + now.prettify());
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ValidatableResponse post(String token, String path, String body, boolean async) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (async) {
            request = request.header("Prefer", "respond-async");
        }
        return (body == null ? request.post(path) : request.body(body).post(path)).then().log().ifValidationFails();
    }

    private long backup(String name) {
        return post(Tokens.operator(), "/api/v1/backups", "{\"backupType\":\"manual\",\"backupName\":\"" + name
                + "\"}", false).statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The operation's one audit event, written as its background part ends (just after its run's final status). */
    private void auditedAsCaller(String action, String actor) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String sql = "SELECT count(*) FROM audit_events WHERE id > ? AND action = ? AND actor = ? AND outcome = "
                + "'succeeded' AND parameters->>'async' = 'true'";
        while (db.count(sql, auditMark, action, actor) == 0 && Instant.now().isBefore(deadline)) {
            pause();
        }
        assertEquals(1L, db.count(sql, auditMark, action, actor), action + " audited as " + actor);
    }

    @Test
    void aBackupAnswers202AndCompletesAsASynchronousOne() {
        ExtractableResponse<Response> r = accepted(post(Tokens.operator(), "/api/v1/backups",
                "{\"backupType\":\"manual\",\"backupName\":\"in the background\"}", true), "/api/v1/backups/\\d+");
        long id = idOf(r.header("Location"));
        assertEquals(id, r.jsonPath().getLong("id"), "the body is the backup");
        assertEquals("operator-1", r.jsonPath().getString("triggeredBy"));
        JsonPath done = poll(r.header("Location"), Tokens.viewer());
        assertEquals("completed", done.getString("status"), done.prettify());

        long sync = backup("in the foreground");
        JsonPath same = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + sync).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(500, done.getLong("totalUsersBackedUp"));
        assertEquals(same.getLong("totalUsersBackedUp"), done.getLong("totalUsersBackedUp"));
        assertEquals(same.getString("checksum"), done.getString("checksum"), "the same rows");
        assertEquals(same.getDouble("totalGold"), done.getDouble("totalGold"));
        assertEquals(500L, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", id));
        auditedAsCaller("backup.create", "operator-1");
    }

    @Test
    void aDryRunAnswers202AndItsPlanIsTheSynchronousPlan() {
        long backup = backup("before the loss");
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold / 2 WHERE wallet_address IN (?, ?)",
                GameStateSeeder.demoAddress(7), GameStateSeeder.demoAddress(9));
        String body = "{\"backupId\":" + backup + ",\"dryRun\":true}";
        ExtractableResponse<Response> r = accepted(post(Tokens.operator(), "/api/v1/restores", body, true),
                "/api/v1/restores/\\d+");
        r.response().then().body("dryRun", equalTo(true)).body("status", oneOf("running", "completed"));
        JsonPath run = poll(r.header("Location"), Tokens.viewer());
        assertEquals("completed", run.getString("status"), run.prettify());
        assertEquals(2, run.getLong("walletsChanged"));
        JsonPath plan = given().auth().oauth2(Tokens.operator()).get(r.header("Location") + "/plan").then()
                .statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        JsonPath sync = post(Tokens.operator(), "/api/v1/restores", body, false).statusCode(200).extract().jsonPath();
        assertEquals(run.getLong("id"), plan.getLong("runId"));
        Map<String, Object> async = new HashMap<>(plan.getMap(""));
        Map<String, Object> foreground = new HashMap<>(sync.getMap(""));
        async.remove("runId");
        foreground.remove("runId");
        assertEquals(foreground, async, "the same plan, fingerprint included");
        assertEquals(run.getString("fingerprint"), sync.getString("fingerprint"));
        given().auth().oauth2(Tokens.viewer()).get(r.header("Location") + "/plan").then().statusCode(403);
        auditedAsCaller("restore.dry-run", "operator-1");
    }

    @Test
    void aRestoreAnswers202AndRestoresAsASynchronousOne() {
        long backup = backup("before the loss");
        String wallet = GameStateSeeder.demoAddress(3);
        double before = ((Number) db.single("SELECT current_gold FROM gold_backup_wallets WHERE backup_id = ? AND "
                + "wallet_address = ?", backup, wallet)).doubleValue();
        db.update("UPDATE gold_mining SET accumulated_gold = 0");
        ExtractableResponse<Response> r = accepted(post(Tokens.admin(), "/api/v1/restores", "{\"backupId\":"
                + backup + ",\"dryRun\":false," + CONFIRMED + "}", true), "/api/v1/restores/\\d+");
        JsonPath run = poll(r.header("Location"), Tokens.viewer());
        assertEquals("completed", run.getString("status"), run.prettify());
        assertEquals(500, run.getLong("walletsTotal"));
        assertEquals(500, run.getLong("walletsProcessed"));
        assertNotNull(run.get("safetyBackupId"));
        assertEquals("admin-1", run.getString("triggeredBy"));
        assertEquals(0L, db.count("""
                SELECT count(*) FROM gold_mining m JOIN gold_backup_wallets w
                    ON w.backup_id = ? AND w.wallet_address = m.wallet_address
                WHERE m.accumulated_gold IS DISTINCT FROM w.current_gold
                """, backup), "every wallet holds its backed-up gold");
        assertEquals(before, ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?",
                wallet)).doubleValue());
        TableRows restored = db.gameRows();

        db.update("UPDATE gold_mining SET accumulated_gold = 0");
        post(Tokens.admin(), "/api/v1/restores", "{\"backupId\":" + backup + ",\"dryRun\":false," + CONFIRMED
                + "}", false).statusCode(200).body("status", equalTo("completed"));
        db.assertUnchanged(restored, "the synchronous restore leaves the wallets as the asynchronous one did");
        auditedAsCaller("restore.apply", "admin-1");
    }

    @Test
    void aRestoreFromATamperedBackupEndsItsRunRefused() {
        long backup = backup("tampered");
        TableRows before = db.gameRows();
        db.update("UPDATE gold_backup_wallets SET current_gold = current_gold + 1 WHERE backup_id = ? AND "
                + "wallet_address = ?", backup, GameStateSeeder.demoAddress(5));
        ExtractableResponse<Response> r = accepted(post(Tokens.operator(), "/api/v1/restores", "{\"backupId\":"
                + backup + ",\"dryRun\":true}", true), "/api/v1/restores/\\d+");
        JsonPath run = poll(r.header("Location"), Tokens.viewer());
        assertEquals("refused", run.getString("status"));
        assertTrue(run.getString("error").contains("integrity check"), run.getString("error"));
        db.assertUnchanged(before, "nothing restored");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String refused = "SELECT count(*) FROM audit_events WHERE id > ? AND action = 'restore.dry-run' AND "
                + "outcome = 'refused'";
        while (db.count(refused, auditMark) == 0 && Instant.now().isBefore(deadline)) {
            pause();
        }
        assertEquals(1L, db.count(refused, auditMark));
    }

    @Test
    void aCleanupAnswers202AndReportsAsASynchronousOne() {
        List<Long> old = new ArrayList<>();
        for (int days : new int[]{45, 40, 35}) {
            clock.set(NOW.minus(Duration.ofDays(days)));
            old.add(backup("old " + days));
        }
        clock.set(NOW.minus(Duration.ofDays(1)));
        backup("young 1");
        backup("young 2");
        clock.set(NOW);

        JsonPath dry = post(Tokens.operator(), "/api/v1/cleanup", "{\"dryRun\":true}", false).statusCode(200)
                .extract().jsonPath();
        ExtractableResponse<Response> r = accepted(post(Tokens.operator(), "/api/v1/cleanup", "{\"dryRun\":true}",
                true), "/api/v1/cleanups/\\d+");
        r.response().then().body("dryRun", equalTo(true)).body("triggeredBy", equalTo("operator-1"));
        JsonPath run = poll(r.header("Location"), Tokens.viewer());
        assertEquals("completed", run.getString("status"), run.prettify());
        assertEquals(dry.getMap(""), run.getMap("report"), "the dry run's report, as the synchronous one");
        assertEquals(3, run.getInt("backupsTotal"));

        ExtractableResponse<Response> real = accepted(post(Tokens.admin(), "/api/v1/cleanup",
                "{\"dryRun\":false,\"confirmationCode\":\"CLEANUP_GOLD_BACKUPS_CONFIRMED\"}", true),
                "/api/v1/cleanups/\\d+");
        JsonPath done = poll(real.header("Location"), Tokens.viewer());
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals(3, done.getInt("backupsProcessed"));
        assertEquals(old, done.getList("report.backups.id", Long.class));
        assertEquals(3, done.getLong("report.deletedBackups"));
        assertEquals(dry.getLong("bytesFreed"), done.getLong("report.bytesFreed"));
        assertEquals(0L, db.count("SELECT count(*) FROM gold_backups WHERE id = ANY(?::bigint[])",
                "{" + old.get(0) + "," + old.get(1) + "," + old.get(2) + "}"));
        assertEquals(2L, db.count("SELECT count(*) FROM gold_backups"));
        auditedAsCaller("cleanup.apply", "admin-1");

        // Every cleanup is in the log, the synchronous one too, newest first.
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/cleanups").then().statusCode(200)
                .body("size()", equalTo(3)).body("[0].id", equalTo((int) idOf(real.header("Location"))))
                .body("[0].report", equalTo(null));
    }

    @Test
    void theJobsAnswer202WithTheirBackupAndCleanupRun() {
        ExtractableResponse<Response> daily = accepted(post(Tokens.operator(), "/api/v1/jobs/daily-backup", null,
                true), "/api/v1/backups/\\d+");
        daily.response().then().body("created", equalTo(true)).body("day", equalTo("2026-06-14"))
                .body("backup.backupType", equalTo("auto_daily"));
        JsonPath backup = poll(daily.header("Location"), Tokens.viewer());
        assertEquals("completed", backup.getString("status"));
        assertEquals(500, backup.getLong("totalUsersBackedUp"));
        auditedAsCaller("job.daily-backup", "operator-1");
        // The day has its backup: decided at once, as the synchronous job answers it.
        post(Tokens.operator(), "/api/v1/jobs/daily-backup", null, true).statusCode(200)
                .header("Preference-Applied", nullValue()).body("created", equalTo(false))
                .body("backupId", equalTo((int) idOf(daily.header("Location"))));

        clock.set(NOW.minus(Duration.ofDays(40)));
        long old = backup("old");
        clock.set(NOW);
        backup("young");
        ExtractableResponse<Response> weekly = accepted(post(Tokens.operator(), "/api/v1/jobs/weekly-cleanup", null,
                true), "/api/v1/cleanups/\\d+");
        JsonPath run = poll(weekly.header("Location"), Tokens.viewer());
        assertEquals("completed", run.getString("status"), run.prettify());
        assertEquals(false, run.getBoolean("dryRun"));
        assertEquals(List.of(old), run.getList("report.backups.id", Long.class));
        assertEquals(0L, db.count("SELECT count(*) FROM gold_backups WHERE id = ?", old));
        auditedAsCaller("job.weekly-cleanup", "operator-1");
    }

    @Test
    void refusalsDecidedUpFrontStillAnswerAtOnceAndChangeNothing() throws Exception {
        long backup = backup("kept");
        TableRows before = db.liveRows();
        TableRows runs = db.rows(RUNS);
        post(Tokens.operator(), "/api/v1/backups", "{\"backupType\":\"nonsense\"}", true).statusCode(400)
                .contentType("application/problem+json").header("Preference-Applied", nullValue())
                .body("violations[0].field", equalTo("backupType"));
        post(Tokens.admin(), "/api/v1/restores", "{\"backupId\":" + backup + ",\"dryRun\":false}", true)
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("confirmationCode"));
        post(Tokens.operator(), "/api/v1/restores", "{\"backupId\":" + backup + ",\"dryRun\":true,"
                + "\"targetWallets\":[\"stake1nonsense\"]}", true).statusCode(400)
                .contentType("application/problem+json");
        post(Tokens.operator(), "/api/v1/restores", "{\"backupId\":" + backup + ",\"dryRun\":false," + CONFIRMED
                + "}", true).statusCode(403);
        post(Tokens.operator(), "/api/v1/restores", "{\"backupId\":999999,\"dryRun\":true}", true).statusCode(404);
        post(Tokens.admin(), "/api/v1/cleanup", "{\"dryRun\":false}", true).statusCode(400)
                .body("violations[0].field", equalTo("confirmationCode"));
        post(Tokens.admin(), "/api/v1/cleanup", "{\"dryRun\":false,\"daysToKeep\":-1}", true).statusCode(400)
                .body("violations[0].field", equalTo("daysToKeep"));
        post(Tokens.operator(), "/api/v1/cleanup", "{\"dryRun\":false}", true).statusCode(403);
        post(Tokens.viewer(), "/api/v1/jobs/weekly-cleanup", null, true).statusCode(403);
        // Another replica holds the cleanup's lock: 409 now, no run registered.
        try (Connection other = db.dataSource().getConnection()) {
            advisory(other, "pg_advisory_lock", AdvisoryLock.CLEANUP, 0);
            post(Tokens.operator(), "/api/v1/cleanup", "{\"dryRun\":true}", true).statusCode(409)
                    .contentType("application/problem+json");
            post(Tokens.operator(), "/api/v1/jobs/weekly-cleanup", null, true).statusCode(409);
            advisory(other, "pg_advisory_unlock", AdvisoryLock.CLEANUP, 0);
        }
        // Another replica takes the day's backup: an asynchronous trigger does not wait for it.
        try (Connection other = db.dataSource().getConnection()) {
            advisory(other, "pg_advisory_lock", AdvisoryLock.DAILY_BACKUP,
                    LocalDate.of(2026, 6, 14).toEpochDay());
            post(Tokens.operator(), "/api/v1/jobs/daily-backup", null, true).statusCode(409)
                    .contentType("application/problem+json");
            advisory(other, "pg_advisory_unlock", AdvisoryLock.DAILY_BACKUP,
                    LocalDate.of(2026, 6, 14).toEpochDay());
        }
        db.assertUnchanged(before, "a refused request changes nothing");
        db.assertUnchanged(runs, "a refused request registers no run");
        assertNull(db.single("SELECT max(id) FROM audit_events WHERE id > ? AND outcome = 'succeeded' AND "
                + "parameters->>'async' = 'true'", auditMark), "nothing ran in the background");
    }

    private static void advisory(Connection c, String function, AdvisoryLock lock, long key) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, lock.namespace());
            ps.setInt(2, (int) key);
            ps.execute();
        }
    }
}
