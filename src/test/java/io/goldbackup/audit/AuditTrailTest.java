package io.goldbackup.audit;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.schedule.JobService;
import io.goldbackup.schedule.ScheduledJobs;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AuditTrailTest {

    @Inject
    Db db;

    @Inject
    ScheduledJobs scheduled;

    private long since;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 5);
        since = db.count("SELECT coalesce(max(id), 0) FROM audit_events");
    }

    /** The events since the test began, oldest first. */
    private List<Map<String, Object>> events() {
        List<Map<String, Object>> all = given().auth().oauth2(Tokens.operator()).queryParam("limit", 500)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(e -> ((Number) e.get("id")).longValue() > since)
                .sorted((a, b) -> Long.compare(((Number) a.get("id")).longValue(), ((Number) b.get("id")).longValue()))
                .toList();
    }

    @Test
    void everyOperationIsRecordedWithItsCallerAndOutcome() {
        long id = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\",\"backupName\":\"'; DROP TABLE gold_backups; --\",\"notes\":\"ünïcödé ✓\"}")
                .post("/api/v1/backups").then().statusCode(201)
                .body("backupName", equalTo("'; DROP TABLE gold_backups; --")).body("notes", equalTo("ünïcödé ✓"))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id + ",\"dryRun\":true}").post("/api/v1/restores").then().statusCode(200);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id
                        + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + id
                        + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"dryRun\":true}")
                .post("/api/v1/cleanup").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).delete("/api/v1/backups/" + id).then().statusCode(400);
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/daily-backup").then().statusCode(201);

        List<Map<String, Object>> events = events();
        assertEquals(List.of("backup.create", "backup.verify", "restore.dry-run", "restore.apply", "restore.apply",
                "cleanup.dry-run", "backup.delete", "backup.delete", "backup.delete", "job.daily-backup"),
                events.stream().map(e -> e.get("action")).toList());
        assertEquals(List.of("succeeded", "succeeded", "succeeded", "refused", "succeeded", "succeeded",
                "refused", "succeeded", "refused", "succeeded"), events.stream().map(e -> e.get("outcome")).toList());
        Map<String, Object> create = events.get(0);
        assertEquals("operator-1", create.get("actor"));
        assertEquals("operator-1-name", create.get("actorName"));
        assertEquals(List.of("backup-operator", "backup-viewer"), create.get("roles"));
        assertEquals("'; DROP TABLE gold_backups; --", ((Map<?, ?>) create.get("parameters")).get("backupName"));
        assertEquals("ünïcödé ✓", ((Map<?, ?>) create.get("parameters")).get("notes"));
        Map<String, Object> restore = events.get(4);
        assertEquals("admin-1", restore.get("actor"));
        assertEquals("backup/" + id, restore.get("target"));
        assertTrue(((Number) restore.get("durationMs")).longValue() >= 0);
        assertEquals(36, ((String) restore.get("operationId")).length());
    }

    @Test
    void scheduledRunsAreRecordedAsTheScheduler() {
        scheduled.runWithRetries(JobService.DAILY_BACKUP);
        Map<String, Object> event = events().get(0);
        assertEquals("scheduler", event.get("actor"));
        assertEquals("job.daily-backup", event.get("action"));
        assertEquals(Map.of("trigger", "schedule", "attempt", 1), event.get("parameters"));
    }

    @Test
    void theTrailIsAppendOnlyInTheDatabase() {
        given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/weekly-cleanup").then().statusCode(200);
        long count = db.count("SELECT count(*) FROM audit_events");
        assertThrows(IllegalStateException.class, () -> db.update("UPDATE audit_events SET actor = 'someone-else'"));
        assertThrows(IllegalStateException.class, () -> db.update("DELETE FROM audit_events"));
        assertThrows(IllegalStateException.class, () -> db.execute("TRUNCATE audit_events"));
        assertEquals(count, db.count("SELECT count(*) FROM audit_events"));
        assertEquals(0, db.count("SELECT count(*) FROM audit_events WHERE actor = 'someone-else'"));
    }

    @Test
    void theTrailIsForOperatorsAndPages() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/weekly-cleanup").then().statusCode(200);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/weekly-cleanup").then().statusCode(200);
        List<Long> page = given().auth().oauth2(Tokens.operator()).queryParam("limit", 1).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertEquals(1, page.size());
        given().auth().oauth2(Tokens.operator()).queryParam("limit", 1).queryParam("before", page.get(0))
                .get("/api/v1/audit").then().statusCode(200).body("[0].id", equalTo((int) (page.get(0) - 1)));
        given().auth().oauth2(Tokens.operator()).queryParam("limit", 0).get("/api/v1/audit").then().statusCode(400);
    }
}
