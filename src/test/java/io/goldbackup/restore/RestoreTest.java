package io.goldbackup.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupType;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.security.Actor;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RestoreTest {

    private static final String CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";
    private static final String A = GameStateSeeder.demoAddress(5001);
    private static final String B = GameStateSeeder.demoAddress(5002);
    private static final String C = GameStateSeeder.demoAddress(5003);
    private static final String LATE = GameStateSeeder.demoAddress(5004);

    @Inject
    Db db;

    @Inject
    BackupService backups;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
    }

    private long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/restores").then()
                .log().ifValidationFails();
    }

    private static String dryRun(long backupId, String targets) {
        return "{\"backupId\":" + backupId + (targets == null ? "" : ",\"targetWallets\":" + targets)
                + ",\"dryRun\":true}";
    }

    private static String restore(long backupId, String targets) {
        return "{\"backupId\":" + backupId + (targets == null ? "" : ",\"targetWallets\":" + targets)
                + ",\"dryRun\":false,\"confirmationCode\":\"" + CODE + "\"}";
    }

    /** Three wallets whose gold does not accrue, so values compare exactly; A and B with players and meks. */
    private void threeWallets() {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        db.insertWallet(A, 1000, 10, hourAgo, false, 0);
        db.insertWallet(B, 2000, 20, hourAgo, false, 0);
        db.insertWallet(C, 3000, 30, hourAgo, false, 0);
        db.insertPlayer(A, 5, 500, 50);
        db.insertPlayer(B, 6, 600, 60);
        db.insertMek(A, "mek-a1", 10);
        db.insertMek(B, "mek-b1", 20);
    }

    /** What a disaster does: gold, rates, levels wrong; a mek lost; a player gone. */
    private void corrupt() {
        db.update("UPDATE gold_mining SET accumulated_gold = 1, total_gold_per_hour = 99");
        db.update("UPDATE players SET level = 1, experience = 0, bank_balance = 0 WHERE wallet_address = ?", A);
        db.update("DELETE FROM players WHERE wallet_address = ?", B);
        db.update("DELETE FROM owned_meks WHERE wallet_address = ?", B);
    }

    private double gold(String address) {
        return ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?", address))
                .doubleValue();
    }

    private double rate(String address) {
        return ((Number) db.single("SELECT total_gold_per_hour FROM gold_mining WHERE wallet_address = ?", address))
                .doubleValue();
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() {
        threeWallets();
        long id = backup();
        corrupt();
        db.insertWallet(LATE, 7, 0, Instant.now(), false, 0);
        TableRows before = db.liveRows();
        JsonPath plan = post(Tokens.operator(), dryRun(id, null)).statusCode(200)
                .body("scope", equalTo("all"))
                .body("backup.id", equalTo((int) id))
                .body("walletsInScope", equalTo(3))
                .body("walletsToChange", equalTo(3))
                .body("liveWalletsOutsideBackup.count", equalTo(1))
                .body("liveWalletsOutsideBackup.sample", equalTo(List.of(LATE)))
                .body("backupWalletsNotLive.count", equalTo(0))
                .body("diffs", hasSize(3))
                .body("diffs[0].walletAddress", equalTo(C))
                .body("diffs[0].goldBefore", equalTo(1.0))
                .body("diffs[0].goldAfter", equalTo(3000.0))
                .body("diffs[0].goldPerHourBefore", equalTo(99.0))
                .body("diffs[0].goldPerHourAfter", equalTo(30.0))
                .body("mekVerification.walletsWithMekCountChanged", equalTo(1))
                .body("fingerprint", notNullValue())
                .extract().jsonPath();
        assertEquals(3.0, plan.getDouble("totals.goldBefore"));
        assertEquals(6000.0, plan.getDouble("totals.goldAfter"));
        assertEquals(5997.0, plan.getDouble("totals.goldDelta"));
        assertEquals(60.0 - 297.0, plan.getDouble("totals.goldPerHourDelta"), 1e-9);
        Map<String, Object> b = plan.getMap("diffs.find { it.walletAddress == '" + B + "' }");
        assertEquals(1, b.get("mekCountThen"));
        assertEquals(0, b.get("mekCountNow"));
        assertEquals(true, b.get("meksChanged"));
        assertEquals(6, b.get("levelAfter"));
        assertEquals(null, b.get("levelBefore"));
        db.assertUnchanged(before, "a dry run changes nothing");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/restores/" + plan.getLong("runId")).then()
                .statusCode(200).body("dryRun", equalTo(true)).body("status", equalTo("completed"))
                .body("walletsChanged", equalTo(3)).body("triggeredBy", equalTo("operator-1"));
    }

    @Test
    void restorePutsBackTheExactValuesAndLeavesMeksAndLaterWalletsAlone() {
        threeWallets();
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        String accruing = GameStateSeeder.demoAddress(5010);
        db.insertWallet(accruing, 100, 36, twoHoursAgo, true, 0);
        JsonPath taken = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath();
        long id = taken.getLong("id");
        double accruedAtBackup = ((Number) db.single("SELECT current_gold FROM gold_backup_wallets "
                + "WHERE backup_id = ? AND wallet_address = ?", id, accruing)).doubleValue();
        assertTrue(accruedAtBackup > 171, "two hours at 36 per hour were accrued into the backup");
        corrupt();
        db.insertWallet(LATE, 7, 3, Instant.now(), false, 0);

        JsonPath run = post(Tokens.admin(), restore(id, null)).statusCode(200)
                .body("status", equalTo("completed"))
                .body("dryRun", equalTo(false))
                .body("walletsTotal", equalTo(4))
                .body("walletsProcessed", equalTo(4))
                .body("safetyBackupId", notNullValue())
                .body("triggeredBy", equalTo("admin-1"))
                .extract().jsonPath();

        assertEquals(1000.0, gold(A));
        assertEquals(2000.0, gold(B));
        assertEquals(3000.0, gold(C));
        assertEquals(10.0, rate(A));
        assertEquals(30.0, rate(C));
        // The gold the wallet had at backup time, accruing again from the restore: not the stale accumulated 100.
        assertEquals(accruedAtBackup, gold(accruing));
        assertEquals(36.0, rate(accruing));
        Instant snapshot = ((java.sql.Timestamp) db.single(
                "SELECT last_snapshot_time FROM gold_mining WHERE wallet_address = ?", accruing)).toInstant();
        assertTrue(Duration.between(Instant.parse(run.getString("startedAt")), snapshot).abs().toMillis() < 1000);
        assertEquals(5, ((Number) db.single("SELECT level FROM players WHERE wallet_address = ?", A)).intValue());
        assertEquals(500L, ((Number) db.single("SELECT experience FROM players WHERE wallet_address = ?", A))
                .longValue());
        assertEquals(50.0, ((Number) db.single("SELECT bank_balance FROM players WHERE wallet_address = ?", A))
                .doubleValue());
        assertEquals(6, ((Number) db.single("SELECT level FROM players WHERE wallet_address = ?", B)).intValue(),
                "a player row the backup holds comes back");
        assertEquals(0, db.count("SELECT count(*) FROM owned_meks WHERE wallet_address = ?", B), "meks untouched");
        assertEquals(7.0, gold(LATE), "a wallet created after the backup is untouched");
        assertEquals(3.0, rate(LATE));
    }

    @Test
    void targetedRestoreTouchesOnlyItsTargets() {
        threeWallets();
        long id = backup();
        corrupt();
        String missing = GameStateSeeder.demoAddress(5099);
        post(Tokens.operator(), dryRun(id, "[\"" + B + "\",\"" + missing + "\"]")).statusCode(200)
                .body("scope", equalTo("targets"))
                .body("targetCount", equalTo(2))
                .body("walletsInScope", equalTo(1))
                .body("targetsNotInBackup", equalTo(List.of(missing)))
                .body("liveWalletsOutsideBackup", equalTo(null))
                .body("diffs[0].walletAddress", equalTo(B));
        JsonPath run = post(Tokens.admin(), restore(id, "[\"" + B + "\",\"" + missing + "\"]")).statusCode(200)
                .body("walletsProcessed", equalTo(1)).extract().jsonPath();
        assertEquals(1.0, gold(A));
        assertEquals(2000.0, gold(B));
        assertEquals(1.0, gold(C));
        assertEquals(99.0, rate(A));
        assertEquals(1, ((Number) db.single("SELECT level FROM players WHERE wallet_address = ?", A)).intValue());
        long safety = run.getLong("safetyBackupId");
        assertEquals(List.of(B), db.strings("SELECT wallet_address FROM gold_backup_wallets WHERE backup_id = ?",
                safety), "the safety snapshot holds exactly the affected wallets");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/restores/" + run.getLong("id")).then().statusCode(200)
                .body("targetWallets", equalTo(List.of(B, missing).stream().sorted().toList()));
    }

    @Test
    void restoringTheSafetySnapshotUndoesTheRestore() {
        threeWallets();
        long id = backup();
        db.update("UPDATE gold_mining SET accumulated_gold = 1, total_gold_per_hour = 99");
        db.update("UPDATE players SET level = 1, experience = 0, bank_balance = 0");
        db.update("DELETE FROM owned_meks WHERE wallet_address = ?", B);
        List<Object> before = liveValues();
        long safety = post(Tokens.admin(), restore(id, null)).statusCode(200).extract().jsonPath()
                .getLong("safetyBackupId");
        assertEquals("emergency", db.single("SELECT backup_type FROM gold_backups WHERE id = ?", safety));
        assertTrue(((String) db.single("SELECT backup_name FROM gold_backups WHERE id = ?", safety))
                .startsWith("Emergency before restore #"));
        assertNotEquals(before, liveValues());
        post(Tokens.admin(), restore(safety, null)).statusCode(200).body("status", equalTo("completed"));
        assertEquals(before, liveValues(), "gold, rates, levels, experience and balances are as before");
    }

    private List<Object> liveValues() {
        List<Object> values = new ArrayList<>(db.strings("""
                SELECT g.wallet_address || ':' || g.accumulated_gold || ':' || g.total_gold_per_hour
                FROM gold_mining g ORDER BY 1
                """));
        values.addAll(db.strings("""
                SELECT wallet_address || ':' || level || ':' || experience || ':' || bank_balance
                FROM players ORDER BY 1
                """));
        return values;
    }

    @Test
    void aTamperedBackupIsRefused() {
        threeWallets();
        long id = backup();
        corrupt();
        db.update("UPDATE gold_backup_wallets SET current_gold = 1e9 WHERE backup_id = ? AND wallet_address = ?", id,
                A);
        TableRows before = db.gameRows();
        post(Tokens.operator(), dryRun(id, null)).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("integrity check"));
        // The verification's verdict: the backup is corrupt from now on, and refused as such.
        assertEquals("corrupt", db.single("SELECT status FROM gold_backups WHERE id = ?", id));
        post(Tokens.admin(), restore(id, null)).statusCode(409).body("detail", containsString("is corrupt"));
        db.assertUnchanged(before, "a tampered backup is refused and changes nothing of the game's");
        // The dry run's verification ran beside its reads: the run it registered is recorded as refused, with the
        // verdict; the restore of a backup marked corrupt is refused before any run.
        assertEquals("refused", db.single("SELECT status FROM restore_runs"));
        assertTrue(String.valueOf(db.single("SELECT error FROM restore_runs")).contains("integrity check"));
    }

    @Test
    void aRestoreWhoseWalletsChangedSinceItsPlanIsRefused() {
        threeWallets();
        long id = backup();
        corrupt();
        String fingerprint = post(Tokens.operator(), dryRun(id, null)).statusCode(200).extract().jsonPath()
                .getString("fingerprint");
        assertEquals(fingerprint, post(Tokens.operator(), dryRun(id, null)).statusCode(200).extract().jsonPath()
                .getString("fingerprint"), "the same state gives the same fingerprint");
        db.update("UPDATE gold_mining SET accumulated_gold = 5 WHERE wallet_address = ?", C);
        TableRows before = db.liveRows();
        post(Tokens.admin(), restore(id, null).replace("}", ",\"fingerprint\":\"" + fingerprint + "\"}"))
                .statusCode(409).body("detail", containsString("changed since the dry run"));
        db.assertUnchanged(before, "a restore with a stale fingerprint is refused and changes nothing");
        assertEquals("refused", db.single("SELECT status FROM restore_runs WHERE NOT dry_run"));
        String fresh = post(Tokens.operator(), dryRun(id, null)).statusCode(200).extract().jsonPath()
                .getString("fingerprint");
        post(Tokens.admin(), restore(id, null).replace("}", ",\"fingerprint\":\"" + fresh + "\"}"))
                .statusCode(200);
        assertEquals(3000.0, gold(C));
    }

    @Test
    void aSecondRestoreWhileOneRunsIsAConflict() throws Exception {
        threeWallets();
        long id = backup();
        corrupt();
        TableRows before = db.liveRows();
        try (Connection other = db.dataSource().getConnection()) {
            long running = ((Number) db.single("""
                    INSERT INTO restore_runs (backup_id, dry_run, triggered_by, started_at)
                    VALUES (?, false, 'other-admin', now()) RETURNING id
                    """, id)).longValue();
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, AdvisoryLock.RESTORE.namespace());
                lock.setInt(2, (int) running);
                lock.execute();
            }
            post(Tokens.admin(), restore(id, null)).statusCode(409).body("detail", containsString("one restore"));
            db.assertUnchanged(before, "a second restore is refused and changes nothing");
            post(Tokens.operator(), dryRun(id, null)).statusCode(200);
        }
    }

    @Test
    void everyRefusalChangesNothing() {
        threeWallets();
        long id = backup();
        corrupt();
        db.execute("DELETE FROM restore_runs");
        TableRows before = db.liveRows();
        post(Tokens.operator(), restore(id, null)).statusCode(403);
        post(Tokens.viewer(), dryRun(id, null)).statusCode(403);
        post(Tokens.admin(), restore(id, null).replace(CODE, "restore please")).statusCode(400)
                .body("violations[0].field", equalTo("confirmationCode"));
        post(Tokens.admin(), "{\"backupId\":" + id + ",\"dryRun\":false}").statusCode(400)
                .body("violations[0].field", equalTo("confirmationCode"));
        post(Tokens.admin(), "{\"backupId\":" + id + ",\"confirmationCode\":\"" + CODE + "\"}").statusCode(400)
                .body("violations[0].field", equalTo("dryRun"));
        post(Tokens.admin(), "{\"backupId\":\"x\",\"dryRun\":true}").statusCode(400)
                .body("violations[0].field", equalTo("backupId"));
        post(Tokens.admin(), restore(999999, null)).statusCode(404);
        post(Tokens.admin(), dryRun(id, "[]")).statusCode(400).body("violations[0].field", equalTo("targetWallets"));
        post(Tokens.admin(), dryRun(id, "[\"" + A + "\",\"stake1nope\"]")).statusCode(400)
                .body("violations[0].field", equalTo("targetWallets[1]"));
        post(Tokens.admin(), restore(id, "[\"" + A + "\",\"" + A + "\"]")).statusCode(400)
                .body("violations[0].field", equalTo("targetWallets[1]"))
                .body("violations[0].message", equalTo("is listed twice"));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 5001; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(GameStateSeeder.demoAddress(i)).append('"');
        }
        post(Tokens.admin(), restore(id, many + "]")).statusCode(400)
                .body("violations[0].field", equalTo("targetWallets"));
        db.update("UPDATE gold_backups SET status = 'failed' WHERE id = ?", id);
        // The test's own change to the backup is in these rows; the refused restore of it must add nothing.
        TableRows failed = db.liveRows();
        post(Tokens.admin(), restore(id, null)).statusCode(409);
        db.assertUnchanged(failed, "the restore of a failed backup is refused and changes nothing");
        db.update("UPDATE gold_backups SET status = 'completed' WHERE id = ?", id);
        db.assertUnchanged(before, "no refusal changed anything");
        assertEquals(0, db.count("SELECT count(*) FROM restore_runs"), "refusals start no run");
    }

    @Test
    void aLargerRestoreRunsInStepsAndABackupBesideItSeesBeforeOrAfter() throws Exception {
        db.seed(1, 3500);
        long id = backups.create(BackupType.MANUAL, "base", null, Actor.SCHEDULER).id();
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1000");
        double beforeSum = ((Number) db.single("SELECT sum(accumulated_gold) FROM gold_mining")).doubleValue();
        CompletableFuture<JsonPath> restore = CompletableFuture.supplyAsync(
                () -> post(Tokens.admin(), restore(id, null)).statusCode(200).extract().jsonPath());
        List<Long> beside = new ArrayList<>();
        while (!restore.isDone() && beside.size() < 20) {
            beside.add(backups.create(BackupType.MANUAL, "beside", null, Actor.SCHEDULER).id());
        }
        JsonPath run = restore.get();
        assertEquals(3500, run.getInt("walletsProcessed"));
        assertEquals(3500, run.getInt("walletsTotal"));
        double afterSum = ((Number) db.single("SELECT sum(accumulated_gold) FROM gold_mining")).doubleValue();
        assertNotEquals(beforeSum, afterSum);
        for (long b : beside) {
            double seen = ((Number) db.single(
                    "SELECT sum(accumulated_gold) FROM gold_backup_wallets WHERE backup_id = ?", b)).doubleValue();
            assertTrue(Math.abs(seen - beforeSum) < 1e-3 || Math.abs(seen - afterSum) < 1e-3,
                    "backup " + b + " saw " + seen + ", neither " + beforeSum + " nor " + afterSum);
        }
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/restores").then().statusCode(200)
                .body("[0].id", equalTo(run.getInt("id")));
    }
}
