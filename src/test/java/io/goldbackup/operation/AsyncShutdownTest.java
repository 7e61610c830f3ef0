package io.goldbackup.operation;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stop meets operations that run in the background: the {@link ShutdownGuard}'s stop (what Quarkus' shutdown calls
 * after SIGTERM) cancels them as it cancels synchronous ones, each is rolled back and recorded as failed with its audit
 * event (the real caller, outcome failed) before the stop returns, so no run is left {@code running}; and a stopping
 * instance registers nothing more (503 before any 202). A profile of its own: the instance stays stopped.
 */
@QuarkusTest
@TestProfile(AsyncShutdownTest.Profile.class)
class AsyncShutdownTest {

    /** Lock waits long enough that the operations are still waiting for the game's lock when the stop comes. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gold-backup.database.lock-wait-total", "60s");
        }
    }

    @Inject
    Db db;

    @Inject
    ShutdownGuard guard;

    private static ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(body).post(path).then().log().ifValidationFails();
    }

    private static long idOf(ValidatableResponse accepted) {
        String location = accepted.statusCode(202).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void operationsInTheBackgroundCutOffByAStopLeaveNothingRunning() throws Exception {
        long auditMark = db.count("SELECT coalesce(max(id), 0) FROM audit_events");
        db.reset();
        db.execute("DELETE FROM cleanup_runs");
        db.seed(1, 200);
        long backup = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        long backupsBefore = db.count("SELECT count(*) FROM gold_backups");

        long running;
        long restore;
        long dryRun;
        try (Connection game = db.dataSource().getConnection(); Statement st = game.createStatement()) {
            game.setAutoCommit(false);
            st.execute("LOCK TABLE gold_mining IN ACCESS EXCLUSIVE MODE"); // a game migration, say
            running = idOf(post(Tokens.operator(), "/api/v1/backups", "{\"backupType\":\"manual\",\"backupName\":"
                    + "\"cut off\"}"));
            restore = idOf(post(Tokens.admin(), "/api/v1/restores", "{\"backupId\":" + backup + ",\"dryRun\":false,"
                    + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}"));
            dryRun = idOf(post(Tokens.operator(), "/api/v1/restores", "{\"backupId\":" + backup
                    + ",\"dryRun\":true}"));
            assertEquals("running", db.single("SELECT status FROM gold_backups WHERE id = ?", running));
            // Each waits for the game's lock in the background.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") < 1
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            Thread.sleep(500);

            guard.stop(new ShutdownEvent()); // what SIGTERM leads to: cancel, then wait for every operation
            game.rollback();
        }

        assertEquals(0L, db.count("SELECT count(*) FROM gold_backups WHERE status = 'running'"));
        assertEquals(0L, db.count("SELECT count(*) FROM restore_runs WHERE status = 'running'"));
        assertEquals(0L, db.count("SELECT count(*) FROM cleanup_runs WHERE status = 'running'"));
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE id = ?", running));
        assertTrue(((String) db.single("SELECT error FROM gold_backups WHERE id = ?", running)).contains("57014"));
        for (long run : new long[]{restore, dryRun}) {
            assertEquals("failed", db.single("SELECT status FROM restore_runs WHERE id = ?", run));
            assertTrue(((String) db.single("SELECT error FROM restore_runs WHERE id = ?", run))
                    .startsWith("cancelled, the service is stopping"));
        }
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname = ?", "gold_backup_wallets_" + running),
                "nothing of the cut-off backup remains");
        // Every event written before the stop returned, with the real caller.
        for (String[] event : new String[][]{{"backup.create", "operator-1"}, {"restore.apply", "admin-1"},
                {"restore.dry-run", "operator-1"}}) {
            assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE id > ? AND action = ? AND actor = ? "
                    + "AND outcome = 'failed' AND parameters->>'async' = 'true'", auditMark, event[0], event[1]),
                    event[0]);
        }

        // Stopping: nothing more is registered; the client is told to try elsewhere.
        post(Tokens.operator(), "/api/v1/backups", "{\"backupType\":\"manual\"}").statusCode(503)
                .header("Retry-After", notNullValue()).contentType("application/problem+json");
        post(Tokens.operator(), "/api/v1/cleanup", "{\"dryRun\":true}").statusCode(503);
        post(Tokens.operator(), "/api/v1/restores", "{\"backupId\":" + backup + ",\"dryRun\":true}").statusCode(503);
        assertEquals(backupsBefore + 1, db.count("SELECT count(*) FROM gold_backups"));
        assertEquals(0L, db.count("SELECT count(*) FROM cleanup_runs"));
        assertEquals(2L, db.count("SELECT count(*) FROM restore_runs"));
    }
}
