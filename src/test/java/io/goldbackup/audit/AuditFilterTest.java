package io.goldbackup.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.security.Actor;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit trail's filters and its streamed export, and the target a backup's create names. */
@QuarkusTest
class AuditFilterTest {

    @Inject
    Db db;

    @Inject
    AuditTrail audit;

    private long since;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 3);
        since = db.count("SELECT coalesce(max(id), 0) FROM audit_events");
    }

    private static long create(String type, String name) {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("backupType", type, "backupName", name)).post("/api/v1/backups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private List<Map<String, Object>> list(String query) {
        List<Map<String, Object>> all = given().auth().oauth2(Tokens.operator()).get("/api/v1/audit?limit=500&" + query)
                .then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(e -> ((Number) e.get("id")).longValue() > since).toList();
    }

    @Test
    void aCreatesEventNamesTheCreatedBackupAndARefusedOneTheCollection() {
        long id = create("manual", "named");
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .header("Prefer", "respond-async").body(Map.of("backupType", "manual")).post("/api/v1/backups")
                .then().statusCode(202);
        long async = db.count("SELECT max(id) FROM gold_backups");
        assertEquals(1, db.count("SELECT count(*) FROM audit_events WHERE action = 'backup.create' AND target = ? "
                + "AND outcome = 'succeeded'", "backup/" + id));
        // The daily backup twice on one day: the second is refused before any backup exists.
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("backupType", "auto_daily"))
                .post("/api/v1/backups").then().statusCode(201);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("backupType", "auto_daily"))
                .post("/api/v1/backups").then().statusCode(409);
        List<Map<String, Object>> refused = list("action=backup.create&outcome=refused");
        assertEquals(1, refused.size(), refused.toString());
        assertEquals("backups", refused.get(0).get("target"));
        // The background part of an async create ends later: its event names its backup too.
        for (int i = 0; i < 100 && db.count("SELECT count(*) FROM audit_events WHERE target = ?",
                "backup/" + async) == 0; i++) {
            sleep();
        }
        assertEquals(1, db.count("SELECT count(*) FROM audit_events WHERE action = 'backup.create' AND target = ?",
                "backup/" + async));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theTrailFiltersByPersonActionOutcomeTargetAndTime() {
        long id = create("manual", "filtered");
        given().auth().oauth2(Tokens.admin()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).delete("/api/v1/backups/" + id).then().statusCode(400);
        assertEquals(3, list("").size());
        assertEquals(1, list("action=backup.verify").size());
        assertEquals(3, list("target=backup/" + id).size(), "its create, verify and refused delete");
        assertEquals(1, list("outcome=refused").size());
        assertEquals("backup.delete", list("outcome=refused").get(0).get("action"));
        String operator = (String) list("action=backup.create").get(0).get("actor");
        assertEquals(1, list("person=" + operator).size(), "by subject");
        String name = (String) list("action=backup.create").get(0).get("actorName");
        assertEquals(1, list("person=" + name.toUpperCase()).size(), "by user name, any case");
        String day = (String) db.single("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')");
        assertEquals(3, list("from=" + day + "&to=" + day).size());
        assertEquals(0, list("to=2020-01-01").size());
        assertEquals(0, list("from=2999-01-01T00:00:00Z").size());
    }

    @Test
    void wrongFilterValuesAre400ProblemsNamingTheField() {
        Map<String, String> wrong = Map.of("outcome=maybe", "outcome", "from=yesterday", "from", "to=2026-13-01", "to",
                "action=DROP%20TABLE", "action", "from=2026-02-02&to=2026-02-01", "to",
                "person=" + "x".repeat(201), "person");
        wrong.forEach((query, field) -> {
            for (String path : List.of("/api/v1/audit?", "/api/v1/audit/export?format=csv&")) {
                given().auth().oauth2(Tokens.operator()).get(path + query).then().statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .body("violations[0].field", equalTo(field.equals("limit") && path.contains("export")
                                ? "limit"
                                : field));
            }
        });
        given().auth().oauth2(Tokens.operator()).get("/api/v1/audit?limit=0").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.operator()).get("/api/v1/audit/export?format=xml").then().statusCode(400)
                .body("violations[0].field", equalTo("format"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/export").then().statusCode(403);
    }

    @Test
    void theExportStreamsTheFilteredEventsAsCsvAndJson() {
        long id = create("manual", "=HYPERLINK(\"x\")");
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200);
        Response csv = given().auth().oauth2(Tokens.operator()).get("/api/v1/audit/export?format=csv&target=backup/"
                + id);
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
        String[] lines = csv.asString().split("\r\n");
        assertEquals(3, lines.length, csv.asString());
        assertTrue(lines[0].startsWith("\"id\",\"occurredAt\",\"actor\""), lines[0]);
        assertTrue(lines[1].contains("\"backup.verify\"") && lines[2].contains("\"backup.create\""),
                "newest first: " + csv.asString());
        assertTrue(lines[2].contains("\"{\"\"notes\"\": null"), "the parameters as their JSON: " + lines[2]);
        List<Map<String, Object>> json = given().auth().oauth2(Tokens.operator())
                .get("/api/v1/audit/export?target=backup/" + id).then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath().getList("$");
        assertEquals(list("target=backup/" + id), json, "the JSON export is the list, every event of it");
        assertEquals("=HYPERLINK(\"x\")", ((Map<?, ?>) json.get(1).get("parameters")).get("backupName"));
        audit.record(new AuditEntry(new Actor("=cmd|' /C calc'!A0", "-2+3", Set.of()), "test.formula", "@SUM(1)",
                Map.of(), "succeeded", 1, java.util.UUID.randomUUID().toString(), null, java.time.Instant.now()));
        String formula = given().auth().oauth2(Tokens.operator())
                .get("/api/v1/audit/export?format=csv&action=test.formula")
                .asString().split("\r\n")[1];
        assertTrue(formula.contains("\"'=cmd|' /C calc'!A0\",\"'-2+3\"") && formula.contains("\"'@SUM(1)\""),
                "a cell a spreadsheet would run is not a formula: " + formula);
    }
}
