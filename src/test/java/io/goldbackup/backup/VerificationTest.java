package io.goldbackup.backup;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TestClock;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verification and the seal, end to end through the API: a healthy backup passes and records when; a row changed
 * with its checksum recomputed by hand in SQL passes the checksum but fails the seal and becomes corrupt; a corrupt
 * backup is listed as such, kept by cleanup, never copied out, and restored from only when an admin forces it, which
 * the audit trail records.
 */
@QuarkusTest
class VerificationTest {

    private static final String CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";
    private static final String FORGED = GameStateSeeder.demoAddress(7);

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    BackupTransfer transfer;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 20);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201)
                .body("sealKeyId", equalTo("test1")).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse verify(long id) {
        return given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then()
                .log().ifValidationFails().statusCode(200);
    }

    private static ValidatableResponse restore(String token, long id, boolean dryRun, Boolean force) {
        String body = "{\"backupId\":" + id + ",\"dryRun\":" + dryRun + (dryRun
                ? ""
                : ",\"confirmationCode\":\""
                        + CODE + "\"")
                + (force == null ? "" : ",\"force\":" + force) + "}";
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/restores").then()
                .log().ifValidationFails();
    }

    /**
     * What someone with write access to the database does (psql is enough): change a wallet's row, then recompute the
     * checksum in SQL over the canonical form the service uses (README, "Checking a checksum yourself": the COPY text of
     * these columns in address order, UTC, ISO dates, shortest-exact floats, {@code \N} for null), so that the checksum
     * matches the rows again.
     */
    private void forge(long id) {
        Forgery.forge(db, id, FORGED);
    }

    private String status(long id) {
        return (String) db.single("SELECT status FROM gold_backups WHERE id = ?", id);
    }

    private static List<Map<String, Object>> audit() {
        return given().auth().oauth2(Tokens.operator()).queryParam("limit", 100).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void aHealthyBackupVerifiesOkAndRecordsWhen() {
        long id = backup();
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().statusCode(200)
                .body("lastVerifiedAt", equalTo(null)).body("lastVerifyOk", equalTo(null));
        Instant at = Instant.parse("2026-12-01T04:30:00Z");
        clock.set(at);

        verify(id).body("ok", equalTo(true)).body("checksumOk", equalTo(true)).body("seal", equalTo("valid"))
                .body("sealKeyId", equalTo("test1")).body("status", equalTo("completed"))
                .body("walletCount", equalTo(20)).body("verifiedAt", equalTo(at.toString()))
                .body("detail", containsString("the seal (key 'test1') matches"));

        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().statusCode(200)
                .body("status", equalTo("completed")).body("lastVerifiedAt", equalTo(at.toString()))
                .body("lastVerifyOk", equalTo(true)).body("sealKeyId", equalTo("test1"));
        assertEquals(Boolean.TRUE, db.single("SELECT last_verified_at = ?::timestamptz AND last_verify_ok "
                + "FROM gold_backups WHERE id = ?", at.toString(), id));
        // The seal is a MAC in the database; its key is not (it is only in GOLD_BACKUP_KEYS).
        assertTrue(((String) db.single("SELECT seal_mac FROM gold_backups WHERE id = ?", id)).matches("[0-9a-f]{64}"));
        assertEquals(0, db.count("SELECT count(*) FROM gold_backups WHERE gold_backups::text LIKE ?",
                "%F3RIyV/7gyfXVdDp5LaOCGuXVM3sVjCwHXUOMmVY6Kw=%"));
    }

    @Test
    void aRowChangedWithItsChecksumRecomputedInSqlFailsOnTheSealAndTheBackupBecomesCorrupt() {
        long id = backup();
        forge(id);

        // The forged checksum matches the rows: only the seal tells.
        verify(id).body("ok", equalTo(false)).body("checksumOk", equalTo(true)).body("seal", equalTo("invalid"))
                .body("status", equalTo("corrupt")).body("detail", containsString("does not match"));

        assertEquals("corrupt", status(id));
        given().auth().oauth2(Tokens.viewer()).queryParam("status", "corrupt").get("/api/v1/backups").then()
                .statusCode(200).body("id", equalTo(List.of((int) id))).body("[0].lastVerifyOk", equalTo(false));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().statusCode(200)
                .body("status", equalTo("corrupt")).body("lastVerifyDetail", containsString("seal"));
        Map<String, Object> marked = audit().stream().filter(e -> "backup.marked-corrupt".equals(e.get("action")))
                .findFirst().orElseThrow();
        assertEquals("operator-1", marked.get("actor"));
        assertEquals("backup/" + id, marked.get("target"));
        assertEquals("backup.verify", ((Map<?, ?>) marked.get("parameters")).get("during"));

        // Visible and alerting: the integrity check is DOWN, the gauge and the counter say why.
        given().get("/q/health/group/backups").then().statusCode(503)
                .body("checks.find { it.name == 'integrity' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'integrity' }.data.corruptBackups", equalTo(1))
                .body("checks.find { it.name == 'integrity' }.data.corruptBackupIds", equalTo(String.valueOf(id)));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("\ngold_backup_corrupt_backups 1.0"), metrics);
        assertTrue(metrics.contains("gold_backup_verify_total{result=\"mismatch\"}"), metrics);

        // A corrupt backup can be verified again; it stays corrupt while it does not match.
        verify(id).body("ok", equalTo(false)).body("status", equalTo("corrupt"));
    }

    @Test
    void aForgedBackupIsNeverCopiedOut() {
        long id = backup();
        forge(id);

        assertThrows(BackupVerifier.SealMismatchException.class,
                () -> transfer.export(id, OutputStream.nullOutputStream()));
        assertEquals("corrupt", status(id));
    }

    @Test
    void cleanupKeepsACorruptBackupAndSaysSo() {
        long oldest = backup();
        long corrupt = backup();
        backup();
        backup();
        forge(corrupt);
        verify(corrupt).body("status", equalTo("corrupt"));
        db.update("UPDATE gold_backups SET expires_at = now() - interval '1 day'");

        JsonPath report = given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/weekly-cleanup").then()
                .statusCode(200).extract().jsonPath();

        // The two newest completed backups are kept by keep-newest, the corrupt one because it is corrupt.
        assertEquals(List.of((int) oldest), report.getList("backups.id"));
        assertEquals(List.of((int) corrupt), report.getList("keptCorrupt.id"));
        assertEquals("corrupt", status(corrupt));
        assertEquals(20, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", corrupt));
        assertEquals(0, db.count("SELECT count(*) FROM gold_backups WHERE id = ?", oldest));
    }

    @Test
    void aBackupMarkedCorruptWhileTheCleanupDeletesItIsKept() throws Exception {
        long marked = backup();
        backup();
        backup();
        db.update("UPDATE gold_backups SET expires_at = now() - interval '1 day'");
        String blocked = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE 'DELETE FROM gold_backups%'";
        try (Connection verdict = db.dataSource().getConnection()) {
            // A verdict's UPDATE, not yet committed: the cleanup selects the backup as completed, detaches its
            // partition, and its DELETE waits for the row.
            verdict.setAutoCommit(false);
            try (PreparedStatement ps = verdict.prepareStatement("UPDATE gold_backups SET status = 'corrupt', "
                    + "last_verify_ok = false, last_verify_detail = 'found corrupt meanwhile' WHERE id = ?")) {
                ps.setLong(1, marked);
                assertEquals(1, ps.executeUpdate());
            }
            CompletableFuture<JsonPath> cleanup = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(Tokens.operator()).post("/api/v1/jobs/weekly-cleanup").then().statusCode(200).extract()
                    .jsonPath());
            Instant deadline = Instant.now().plusSeconds(30);
            while (db.count(blocked) == 0) {
                assertTrue(Instant.now().isBefore(deadline), "the cleanup's DELETE never waited for the row");
                assertTrue(!cleanup.isDone(), () -> "the cleanup ended first: " + cleanup.join().prettify());
                Thread.sleep(20);
            }
            verdict.commit();
            JsonPath report = cleanup.get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), report.getList("backups.id"), "nothing deleted");
            assertEquals(0, report.getLong("deletedBackups"));
            assertEquals(List.of((int) marked), report.getList("keptCorrupt.id"));
            assertEquals(List.of("corrupt"), report.getList("keptCorrupt.status"));
        }
        assertEquals("corrupt", status(marked));
        assertEquals("gold_backup_wallets", db.single("SELECT inhparent::regclass::text FROM pg_inherits "
                + "WHERE inhrelid = to_regclass(?)", "gold_backup_wallets_" + marked), "its partition attached again");
        assertEquals(20, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", marked));
    }

    @Test
    void aRestoreFromACorruptBackupIsRefusedUnlessAnAdminForcesItAndTheForceIsAudited() {
        long id = backup();
        forge(id);
        verify(id).body("status", equalTo("corrupt"));
        double forged = ((Number) db.single("SELECT current_gold FROM gold_backup_wallets WHERE backup_id = ? "
                + "AND wallet_address = ?", id, FORGED)).doubleValue();

        restore(Tokens.operator(), id, true, null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is corrupt")).body("detail", containsString("\"force\": true"));
        restore(Tokens.admin(), id, false, null).statusCode(409).body("detail", containsString("is corrupt"));
        restore(Tokens.admin(), id, false, false).statusCode(409);
        restore(Tokens.operator(), id, true, true).statusCode(403).contentType("application/problem+json");
        assertEquals(0, db.count("SELECT count(*) FROM restore_runs"));

        restore(Tokens.admin(), id, true, true).statusCode(200);
        restore(Tokens.admin(), id, false, true).statusCode(200).body("status", equalTo("completed"));
        assertEquals(forged, ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?",
                FORGED)).doubleValue());

        List<Map<String, Object>> restores = audit().stream()
                .filter(e -> "restore.apply".equals(e.get("action")) || "restore.dry-run".equals(e.get("action")))
                .toList();
        Map<String, Object> forcedRestore = restores.stream().filter(e -> "restore.apply".equals(e.get("action"))
                && "succeeded".equals(e.get("outcome"))).findFirst().orElseThrow();
        assertEquals("admin-1", forcedRestore.get("actor"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) forcedRestore.get("parameters")).get("force"));
        Map<String, Object> refusedForce = restores.stream().filter(e -> "operator-1".equals(e.get("actor"))
                && Boolean.TRUE.equals(((Map<?, ?>) e.get("parameters")).get("force"))).findFirst().orElseThrow();
        assertEquals("refused", refusedForce.get("outcome"));
    }

    @Test
    void aBackupWithoutASealPassesOnItsChecksumAndSaysItIsUnsealed() {
        long id = backup();
        // As a backup taken before seals existed, or while GOLD_BACKUP_KEYS held no key.
        db.update("UPDATE gold_backups SET seal_mac = NULL, seal_key_id = NULL WHERE id = ?", id);

        verify(id).body("ok", equalTo(true)).body("seal", equalTo("unsealed")).body("sealKeyId", equalTo(null))
                .body("status", equalTo("completed")).body("detail", containsString("unsealed"));
        given().get("/q/health/group/backups").then()
                .body("checks.find { it.name == 'integrity' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'integrity' }.data.unsealedBackups", equalTo(1))
                .body("checks.find { it.name == 'integrity' }.data.sealKey", equalTo("test1"));
    }

    @Test
    void aSealNamingAKeyNotConfiguredFailsAndPassesAgainWhenTheKeyIsBack() {
        long id = backup();
        db.update("UPDATE gold_backups SET seal_key_id = 'retired' WHERE id = ?", id);

        verify(id).body("ok", equalTo(false)).body("seal", equalTo("unknown_key"))
                .body("status", equalTo("corrupt")).body("detail", containsString("not in GOLD_BACKUP_KEYS"));

        db.update("UPDATE gold_backups SET seal_key_id = 'test1' WHERE id = ?", id);
        verify(id).body("ok", equalTo(true)).body("status", equalTo("completed"));
        assertEquals("completed", status(id));
        Map<String, Object> back = audit().stream().filter(e -> "backup.marked-completed".equals(e.get("action")))
                .findFirst().orElseThrow();
        assertNotNull(back.get("detail"));
    }

    @Test
    void aRestoreVerifiesItsBackupOnTheSamePath() {
        long id = backup();
        double before = okCount();
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));

        restore(Tokens.operator(), id, true, null).statusCode(200);

        assertEquals(before + 1, okCount());
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then()
                .body("lastVerifiedAt", equalTo("2026-12-02T10:00:00Z")).body("lastVerifyOk", equalTo(true));
    }

    private static double okCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("gold_backup_verify_total{result=\"ok\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aBackupWhosePartitionADeleteIsTakingAwayGetsNoVerdict() {
        long id = backup();
        db.execute("ALTER TABLE gold_backup_wallets DETACH PARTITION gold_backup_wallets_" + id);
        try {
            given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(409)
                    .body("detail", containsString("being deleted"));
            assertEquals("completed", status(id), "rows going with a delete are no corruption");
        } finally {
            db.execute("ALTER TABLE gold_backup_wallets ATTACH PARTITION gold_backup_wallets_" + id
                    + " FOR VALUES IN (" + id + ")");
        }
        verify(id).body("ok", equalTo(true));
    }

    @Test
    void aRunningOrFailedBackupIsNotVerified() {
        long id = backup();
        db.update("UPDATE gold_backups SET status = 'failed' WHERE id = ?", id);
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(409);
        assertNull(db.single("SELECT last_verified_at FROM gold_backups WHERE id = ?", id));
    }
}
