package io.goldbackup.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.security.Actor;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Continuous recovery: a run left {@code running} by an instance that is gone (its session, and so its advisory lock,
 * gone) is marked failed and audited without any restart; a run whose owner is alive is never touched; a partition
 * an interrupted delete left detached is put back.
 */
@QuarkusTest
class RunRecoveryTest {

    @Inject
    Db db;

    @Inject
    RunRecovery recovery;

    @Inject
    JobService jobs;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
    }

    private long insertRunningBackup(String name, String type) {
        return ((Number) db.single("""
                INSERT INTO gold_backups (backup_timestamp, backup_name, backup_type, triggered_by, status,
                                          snapshot_version, system_version, expires_at)
                VALUES (now(), ?, ?, 'crashed-replica', 'running', 1, 'test', now() + interval '30 days')
                RETURNING id
                """, name, type)).longValue();
    }

    private long insertRunningRestore(long backupId, boolean dryRun) {
        return ((Number) db.single("""
                INSERT INTO restore_runs (backup_id, dry_run, triggered_by, started_at)
                VALUES (?, ?, 'crashed-replica', now()) RETURNING id
                """, backupId, dryRun)).longValue();
    }

    private static void advisory(Connection c, String function, AdvisoryLock lock, long key) throws Exception {
        if (function.endsWith("_all")) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT " + function + "()");
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, lock.namespace());
            ps.setInt(2, (int) key);
            ps.execute();
        }
    }

    @Test
    void anOrphanedBackupIsMarkedFailedAndAuditedWhileTheServiceRuns() {
        long orphan = insertRunningBackup("orphan", "manual");
        recovery.recover();
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE id = ?", orphan));
        assertTrue(((String) db.single("SELECT error FROM gold_backups WHERE id = ?", orphan))
                .startsWith("interrupted: the instance taking this backup stopped"));
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.backup-failed' "
                + "AND target = ? AND actor = 'recovery' AND outcome = 'succeeded'", "backup/" + orphan));
        recovery.recover();
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE target = ?", "backup/" + orphan),
                "recovered once");
    }

    @Test
    void runsWhoseOwnerHoldsTheirLockAreLeftAlone() throws Exception {
        long backup = insertRunningBackup("alive elsewhere", "manual");
        long restore = insertRunningRestore(backup, false);
        long dryRun = insertRunningRestore(backup, true);
        try (Connection other = db.dataSource().getConnection()) {
            advisory(other, "pg_advisory_lock", AdvisoryLock.BACKUP, backup);
            advisory(other, "pg_advisory_lock", AdvisoryLock.RESTORE, restore);
            advisory(other, "pg_advisory_lock", AdvisoryLock.RESTORE, dryRun);
            recovery.recover();
            assertEquals("running", db.single("SELECT status FROM gold_backups WHERE id = ?", backup));
            assertEquals(2L, db.count("SELECT count(*) FROM restore_runs WHERE status = 'running'"));
            // The owner's session ends (a killed instance): its locks go with it, and the next pass recovers. (A
            // pooled connection's close keeps its session, so the test lets the locks go itself.)
            advisory(other, "pg_advisory_unlock_all", AdvisoryLock.BACKUP, 0);
        }
        recovery.recover();
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE id = ?", backup));
        assertEquals(2L, db.count("SELECT count(*) FROM restore_runs WHERE status = 'failed' AND error LIKE "
                + "'interrupted:%'"));
        assertEquals(2L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.restore-failed'"));
        // The restore log takes new restores again: the one-running-restore index no longer sees the orphan.
        given().auth().oauth2(Tokens.operator()).get("/api/v1/restores/" + restore).then()
                .body("status", equalTo("failed"));
    }

    @Test
    void aDayWhoseOnlyBackupWasOrphanedIsTakenOverByTheDailyJob() throws Exception {
        long alive = insertRunningBackup("Auto Daily today", "auto_daily");
        try (Connection other = db.dataSource().getConnection()) {
            advisory(other, "pg_advisory_lock", AdvisoryLock.BACKUP, alive);
            DailyBackupResult held = jobs.dailyBackup(Actor.SCHEDULER, Map.of("trigger", "test"));
            assertEquals(false, held.created(), "a backup that is alive elsewhere holds the day");
            assertEquals(alive, held.backupId());
            advisory(other, "pg_advisory_unlock_all", AdvisoryLock.BACKUP, 0);
        }
        // Its owner is gone: the daily job itself recovers it and takes the day, without waiting for a recovery pass.
        DailyBackupResult taken = jobs.dailyBackup(Actor.SCHEDULER, Map.of("trigger", "test"));
        assertTrue(taken.created(), "the day is open once the orphan failed");
        assertTrue(taken.backupId() != alive);
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE id = ?", alive));
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.backup-failed' "
                + "AND target = ?", "backup/" + alive));
    }

    @Test
    void cleanupRunsAndImportsWhoseOwnerIsGoneAreMarkedFailedAndLiveOnesAreLeftAlone() throws Exception {
        db.execute("DELETE FROM cleanup_runs; DELETE FROM offsite_imports");
        long cleanup = ((Number) db.single("""
                INSERT INTO cleanup_runs (dry_run, triggered_by, started_at) VALUES (false, 'crashed-replica', now())
                RETURNING id""")).longValue();
        long importRun = ((Number) db.single("""
                INSERT INTO offsite_imports (target, triggered_by, started_at)
                VALUES ('primary', 'crashed-replica', now()) RETURNING id""")).longValue();
        try (Connection other = db.dataSource().getConnection()) {
            // Alive elsewhere: the cleanup's lock (one cleanup at a time) and the import's own lock are held.
            advisory(other, "pg_advisory_lock", AdvisoryLock.CLEANUP, 0);
            advisory(other, "pg_advisory_lock", AdvisoryLock.OFFSITE_IMPORT, importRun);
            recovery.recover();
            assertEquals("running", db.single("SELECT status FROM cleanup_runs WHERE id = ?", cleanup));
            assertEquals("running", db.single("SELECT status FROM offsite_imports WHERE id = ?", importRun));
            advisory(other, "pg_advisory_unlock_all", AdvisoryLock.CLEANUP, 0);
        }
        recovery.recover();
        assertEquals("failed", db.single("SELECT status FROM cleanup_runs WHERE id = ?", cleanup));
        assertTrue(((String) db.single("SELECT error FROM cleanup_runs WHERE id = ?", cleanup))
                .startsWith("interrupted:"));
        assertEquals("failed", db.single("SELECT status FROM offsite_imports WHERE id = ?", importRun));
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.cleanup-failed' "
                + "AND target = ? AND actor = 'recovery'", "cleanup/" + cleanup));
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.import-failed' "
                + "AND target = ? AND actor = 'recovery'", "import/" + importRun));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/cleanups/" + cleanup).then().statusCode(200)
                .body("status", equalTo("failed"));
    }

    @Test
    void aPartitionAnInterruptedDeleteLeftDetachedIsAttachedAgain() throws Exception {
        db.seed(1, 30);
        long id = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        // A delete killed between its DETACH ... CONCURRENTLY and its DROP.
        db.execute("ALTER TABLE gold_backup_wallets DETACH PARTITION gold_backup_wallets_" + id);
        // And a table no completed backup owns.
        db.execute("CREATE TABLE gold_backup_wallets_999999 (LIKE gold_backup_wallets)");
        recovery.recover();
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().statusCode(200)
                .body("userDataCount", equalTo(30));
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then()
                .body("ok", equalTo(true));
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname = 'gold_backup_wallets_999999'"));
        assertEquals(2L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.partition-repaired'"));
    }

    @Test
    void everyConnectionAsksPostgresqlToNoticeADeadClientQuickly() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertEquals("2s", show(st, "client_connection_check_interval"));
            assertEquals("10", show(st, "tcp_keepalives_idle").replace("s", ""));
            assertEquals("3", show(st, "tcp_keepalives_count"));
        }
    }

    private static String show(Statement st, String setting) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
