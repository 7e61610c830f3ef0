package io.goldbackup.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore drill whose instance dies in the middle leaves nothing behind once recovery has run: its scratch tables go
 * with its session's transaction (PostgreSQL rolls it back), a committed leftover is dropped all the same, and the
 * drill is marked failed and audited. A drill whose owner is alive is never touched.
 */
@QuarkusTest
class DrillRecoveryTest {

    @Inject
    Db db;

    @Inject
    RunRecovery recovery;

    private long backupId;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM drills");
        db.seed(1, 20);
        backupId = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    @AfterEach
    void clear() {
        db.execute("DELETE FROM drills");
    }

    private long insertRunningDrill(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO drills (backup_id, source, started_at, triggered_by)
                VALUES (?, 'database', now(), 'crashed-replica') RETURNING id
                """)) {
            ps.setLong(1, backupId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void lock(Connection c, String function, long key) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, AdvisoryLock.DRILL.namespace());
            ps.setInt(2, (int) key);
            ps.execute();
        }
    }

    private long scratchTables(long drillId) {
        return db.count("SELECT count(*) FROM pg_class WHERE relname LIKE ?", "gold_backup_drill_" + drillId + "\\_%");
    }

    @Test
    void aDrillWhoseSessionIsKilledMidRestoreLeavesNothingAfterRecovery() throws Exception {
        long drillId;
        int pid;
        Connection victim = db.dataSource().getConnection();
        try {
            // As the service runs a drill: registered with its lock, then its scratch tables in an open transaction.
            drillId = insertRunningDrill(victim);
            lock(victim, "pg_advisory_lock", drillId);
            victim.setAutoCommit(false);
            try (Statement st = victim.createStatement()) {
                st.execute("CREATE TABLE gold_backup_drill_" + drillId + "_mining (wallet_address text PRIMARY KEY, "
                        + "accumulated_gold double precision)");
                st.execute("INSERT INTO gold_backup_drill_" + drillId + "_mining SELECT wallet_address, current_gold "
                        + "FROM gold_backup_wallets WHERE backup_id = " + backupId);
                try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
            }
            recovery.recover();
            assertEquals("running", db.single("SELECT status FROM drills WHERE id = ?", drillId),
                    "a drill whose session lives is left alone");
            // The instance dies: its session ends.
            db.single("SELECT pg_terminate_backend(?)", pid);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (db.count("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid) > 0) {
                assertTrue(Instant.now().isBefore(deadline), "the killed session did not end");
                Thread.sleep(50);
            }
        } finally {
            try {
                victim.close();
            } catch (Exception ignored) {
                // the session is gone
            }
        }
        recovery.recover();
        assertEquals(0, scratchTables(drillId), "the scratch tables went with the session's transaction");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/drills/" + drillId).then().statusCode(200)
                .body("status", equalTo("failed")).body("error", startsWith("interrupted:"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.drill-failed' AND "
                + "target = ? AND actor = 'recovery'", "drill/" + drillId));
    }

    @Test
    void committedScratchTablesOfADeadDrillAreDroppedAndALiveDrillsAreNot() throws Exception {
        long dead;
        long alive;
        try (Connection c = db.dataSource().getConnection()) {
            dead = insertRunningDrill(c);
            alive = insertRunningDrill(c);
        }
        // Left committed, as no drill of this version leaves them: recovery is the second line of defence.
        db.execute("CREATE TABLE gold_backup_drill_" + dead + "_mining (wallet_address text)");
        db.execute("CREATE TABLE gold_backup_drill_" + dead + "_rows (wallet_address text)");
        db.execute("CREATE TABLE gold_backup_drill_" + alive + "_players (wallet_address text)");
        try (Connection owner = db.dataSource().getConnection()) {
            lock(owner, "pg_advisory_lock", alive);
            recovery.recover();
            assertEquals("failed", db.single("SELECT status FROM drills WHERE id = ?", dead));
            assertEquals(0, scratchTables(dead));
            assertEquals("running", db.single("SELECT status FROM drills WHERE id = ?", alive));
            assertEquals(1, scratchTables(alive));
            // A pooled connection's close keeps its session: the owner lets its lock go, as a dying session would.
            lock(owner, "pg_advisory_unlock", alive);
        }
        recovery.recover();
        assertEquals("failed", db.single("SELECT status FROM drills WHERE id = ?", alive));
        assertEquals(0, scratchTables(alive));
        assertEquals(2L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.drill-failed' AND "
                + "target IN (?, ?)", "drill/" + dead, "drill/" + alive));
        assertEquals(2L, db.count("SELECT count(*) FROM audit_events WHERE action = 'recovery.drill-scratch-dropped' "
                + "AND target IN (?, ?)", "drill/" + dead, "drill/" + alive));
        recovery.recover();
        assertEquals(4L, db.count("SELECT count(*) FROM audit_events WHERE action LIKE 'recovery.drill-%' AND "
                + "target IN (?, ?)", "drill/" + dead, "drill/" + alive), "recovered once");
    }
}
