package io.goldbackup.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupType;
import io.goldbackup.security.Actor;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class CleanupTest {

    private static final Instant NOW = Instant.parse("2026-06-14T03:00:00Z");
    private static final String CONFIRMED = ",\"confirmationCode\":\"CLEANUP_GOLD_BACKUPS_CONFIRMED\"";

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    BackupService backups;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 10);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A backup of {@code type} taken {@code daysAgo} days before NOW. */
    private long takenDaysAgo(BackupType type, double daysAgo) {
        clock.set(NOW.minus(Duration.ofMinutes((long) (daysAgo * 24 * 60))));
        long id = backups.create(type, null, null, Actor.SCHEDULER).id();
        clock.set(NOW);
        return id;
    }

    private static ValidatableResponse cleanup(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/cleanup").then()
                .log().ifValidationFails();
    }

    private List<Long> ids() {
        return db.strings("SELECT id::text FROM gold_backups ORDER BY id").stream().map(Long::valueOf).toList();
    }

    @Test
    void retentionPerTypeRemovesExpiredBackupsOfEveryStatusButKeepsTheNewest() {
        long oldManual = takenDaysAgo(BackupType.MANUAL, 31);
        long oldMigration = takenDaysAgo(BackupType.PRE_MIGRATION, 31);
        long oldEmergency = takenDaysAgo(BackupType.EMERGENCY, 91);
        long youngEmergency = takenDaysAgo(BackupType.EMERGENCY, 89);
        long failedOld = takenDaysAgo(BackupType.MANUAL, 40);
        db.update("UPDATE gold_backups SET status = 'failed' WHERE id = ?", failedOld);
        long newest1 = takenDaysAgo(BackupType.AUTO_DAILY, 2);
        long newest2 = takenDaysAgo(BackupType.AUTO_DAILY, 1);
        TableRows before = db.liveRows();

        JsonPath dry = cleanup(Tokens.operator(), "{\"dryRun\":true}").statusCode(200)
                .body("dryRun", equalTo(true)).body("policy", equalTo("retention")).body("keepNewest", equalTo(2))
                .extract().jsonPath();
        List<Long> listed = dry.getList("backups.id", Long.class);
        assertEquals(List.of(oldEmergency, failedOld, oldManual), listed, "oldest first");
        db.assertUnchanged(before, "a dry run changes nothing");
        long bytes = db.count("SELECT sum(size_bytes) FROM gold_backups WHERE id IN (?, ?, ?)", oldManual,
                oldEmergency, failedOld);
        assertEquals(bytes, dry.getLong("bytesFreed"));
        assertEquals(30, dry.getLong("deletedWalletRows"));

        JsonPath real = cleanup(Tokens.admin(), "{\"dryRun\":false" + CONFIRMED + "}").statusCode(200).extract()
                .jsonPath();
        assertEquals(listed, real.getList("backups.id", Long.class), "the real run deletes exactly the preview");
        assertEquals(3, real.getLong("deletedBackups"));
        assertEquals(bytes, real.getLong("bytesFreed"));
        assertEquals(List.of(oldMigration, youngEmergency, newest1, newest2), ids());
        assertNull(db.single("SELECT to_regclass(?)::text", "gold_backup_wallets_" + oldManual));
        assertEquals(0, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", oldEmergency));
    }

    @Test
    void theNewestCompletedBackupsSurviveEvenWhenExpired() {
        long a = takenDaysAgo(BackupType.MANUAL, 50);
        long b = takenDaysAgo(BackupType.MANUAL, 45);
        long c = takenDaysAgo(BackupType.MANUAL, 40);
        cleanup(Tokens.admin(), "{\"dryRun\":false" + CONFIRMED + "}").statusCode(200)
                .body("deletedBackups", equalTo(1));
        assertEquals(List.of(b, c), ids(), "backup " + a + " went, the two newest stay");
    }

    @Test
    void expiryIsInclusiveToTheMicrosecond() {
        long edge = takenDaysAgo(BackupType.MANUAL, 30);
        takenDaysAgo(BackupType.MANUAL, 1);
        takenDaysAgo(BackupType.MANUAL, 0.5);
        Instant expires = ((java.sql.Timestamp) db.single("SELECT expires_at FROM gold_backups WHERE id = ?", edge))
                .toInstant();
        clock.set(expires.minusNanos(1000));
        cleanup(Tokens.operator(), "{\"dryRun\":true}").statusCode(200).body("deletedBackups", equalTo(0));
        clock.set(expires);
        cleanup(Tokens.operator(), "{\"dryRun\":true}").statusCode(200).body("deletedBackups", equalTo(1))
                .body("backups[0].id", equalTo((int) edge));
    }

    @Test
    void daysToKeepOverridesThePerTypeRetention() {
        long emergency = takenDaysAgo(BackupType.EMERGENCY, 20);
        long migration = takenDaysAgo(BackupType.PRE_MIGRATION, 12);
        long recent = takenDaysAgo(BackupType.MANUAL, 5);
        takenDaysAgo(BackupType.MANUAL, 1);
        takenDaysAgo(BackupType.MANUAL, 0.5);
        JsonPath report = cleanup(Tokens.admin(), "{\"dryRun\":false,\"daysToKeep\":10" + CONFIRMED + "}")
                .statusCode(200)
                .body("policy", equalTo("older-than-days")).body("daysToKeep", equalTo(10)).extract().jsonPath();
        assertEquals(List.of(emergency, migration), report.getList("backups.id", Long.class));
        assertEquals(3, ids().size());
        assertEquals(recent, ids().get(0));
    }

    @Test
    void theWeeklyJobAppliesTheConfiguredRetention() {
        long old = takenDaysAgo(BackupType.MANUAL, 31);
        takenDaysAgo(BackupType.MANUAL, 2);
        takenDaysAgo(BackupType.MANUAL, 1);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/weekly-cleanup").then().statusCode(200)
                .body("dryRun", equalTo(false)).body("policy", equalTo("retention"))
                .body("backups.id", equalTo(List.of((int) old)));
    }

    @Test
    void badCleanupRequestsAreRefusedAndChangeNothing() {
        takenDaysAgo(BackupType.MANUAL, 100);
        takenDaysAgo(BackupType.MANUAL, 2);
        takenDaysAgo(BackupType.MANUAL, 1);
        TableRows before = db.liveRows();
        cleanup(Tokens.admin(), "{\"dryRun\":false,\"daysToKeep\":-1}").statusCode(400)
                .body("violations[0].field", equalTo("daysToKeep"));
        cleanup(Tokens.admin(), "{\"daysToKeep\":5}").statusCode(400).body("violations[0].field", equalTo("dryRun"));
        cleanup(Tokens.admin(), "{\"dryRun\":\"yes\"}").statusCode(400).body("violations[0].field", equalTo("dryRun"));
        cleanup(Tokens.operator(), "{\"dryRun\":false" + CONFIRMED + "}").statusCode(403);
        cleanup(Tokens.viewer(), "{\"dryRun\":true}").statusCode(403);
        db.assertUnchanged(before, "a refused cleanup changes nothing");
    }

    @Test
    void aRealCleanupWithoutItsConfirmationCodeIsRefusedAuditedAndChangesNothing() {
        takenDaysAgo(BackupType.MANUAL, 100);
        takenDaysAgo(BackupType.MANUAL, 2);
        takenDaysAgo(BackupType.MANUAL, 1);
        TableRows before = db.liveRows();
        long refusedBefore = db.count(
                "SELECT count(*) FROM audit_events WHERE action = 'cleanup.apply' AND outcome = 'refused'");
        for (String body : List.of("{\"dryRun\":false}", "{\"dryRun\":false,\"confirmationCode\":null}",
                "{\"dryRun\":false,\"daysToKeep\":0,\"confirmationCode\":\"yes\"}",
                "{\"dryRun\":false,\"confirmationCode\":\"cleanup_gold_backups_confirmed\"}",
                "{\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")) {
            cleanup(Tokens.admin(), body).statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("confirmationCode"))
                    .body("violations[0].message", equalTo("must be CLEANUP_GOLD_BACKUPS_CONFIRMED to delete backups"));
        }
        db.assertUnchanged(before, "a cleanup without its confirmation code changes nothing");
        assertEquals(refusedBefore + 5, db.count(
                "SELECT count(*) FROM audit_events WHERE action = 'cleanup.apply' AND outcome = 'refused'"),
                "each refusal is audited as refused");
        // A dry run needs none, and is not refused for a wrong one.
        cleanup(Tokens.operator(), "{\"dryRun\":true,\"confirmationCode\":\"yes\"}").statusCode(200)
                .body("deletedBackups", equalTo(1));
        db.assertUnchanged(before, "a dry run changes nothing");
        cleanup(Tokens.admin(), "{\"dryRun\":false" + CONFIRMED + "}").statusCode(200)
                .body("deletedBackups", equalTo(1));
        assertEquals(2, ids().size());
    }
}
