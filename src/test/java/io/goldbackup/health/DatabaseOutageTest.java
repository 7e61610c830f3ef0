package io.goldbackup.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database outage takes the pod out of readiness, never out of liveness, and it comes back by itself; an operation
 * cut off from its database answers a problem and its failure and audit event survive the outage; a pool with no
 * connection free answers 503.
 */
@QuarkusTest
@TestProfile(DatabaseBehindProxyProfile.class)
class DatabaseOutageTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        DatabaseBehindProxyProfile.proxy.cut();
        try {
            // The background check notices within its interval (2 s) or, if its query hangs, its staleness limit.
            awaitReadiness(503);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            DatabaseBehindProxyProfile.proxy.start();
        }
        awaitReadiness(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * The database cut off while a backup runs (here: while it waits for a migration's lock): the client gets a
     * problem, not a bare error; the failure mark and the audit event are kept and written once the database is back.
     */
    @Test
    void aBackupCutOffFromItsDatabaseIsMarkedFailedAndAuditedOnceTheDatabaseIsBack() throws Exception {
        String name = "cut off " + Instant.now();
        try (Connection game = dataSource.getConnection(); Statement st = game.createStatement()) {
            game.setAutoCommit(false);
            st.execute("LOCK TABLE players IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<ExtractableResponse<Response>> backup = CompletableFuture.supplyAsync(() -> given()
                    .auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                    .body("{\"backupType\":\"manual\",\"backupName\":\"" + name + "\"}").post("/api/v1/backups")
                    .then().extract());
            awaitRow("SELECT count(*) FROM gold_backups WHERE status = 'running' AND backup_name = ?", name);
            DatabaseBehindProxyProfile.proxy.cut();
            try {
                ExtractableResponse<Response> answer = backup.get(60, TimeUnit.SECONDS);
                assertTrue(answer.statusCode() == 500 || answer.statusCode() == 503, "a problem: " + answer.asString());
                assertEquals("application/problem+json", answer.contentType());
            } finally {
                DatabaseBehindProxyProfile.proxy.start();
            }
        } catch (java.sql.SQLException gone) {
            // The game's connection went with the cut: its lock is gone too.
        }
        // Kept and retried: both land once the database answers again.
        awaitRow("SELECT count(*) FROM gold_backups WHERE status = 'failed' AND backup_name = ?", name);
        awaitRow("SELECT count(*) FROM audit_events WHERE action = 'backup.create' AND outcome = 'failed' "
                + "AND parameters->>'backupName' = ?", name);
        assertEquals(0L, count("SELECT count(*) FROM pg_class WHERE relname ~ '^gold_backup_wallets_[0-9]+$' "
                + "AND relname = 'gold_backup_wallets_' || (SELECT id FROM gold_backups WHERE backup_name = ?)", name));
        awaitReadiness(200);
    }

    /** Every connection of the pool taken: a read answers 503 with Retry-After, not a 500. */
    @Test
    void aPoolWithNoFreeConnectionAnswers503WithRetryAfter() throws Exception {
        List<Connection> taken = new ArrayList<>();
        try {
            try {
                while (taken.size() < 16) {
                    taken.add(dataSource.getConnection());
                }
            } catch (java.sql.SQLException poolEmpty) {
                // every connection the pool had is taken: the readiness check may hold one of them
            }
            given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("title", equalTo("Database unavailable"));
        } finally {
            for (Connection c : taken) {
                c.close();
            }
        }
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups").then().statusCode(200);
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void awaitRow(String sql, Object... params) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                if (count(sql, params) > 0) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // not reachable yet
            }
            assertTrue(Instant.now().isBefore(deadline), "never true: " + sql);
            Thread.sleep(100);
        }
    }

    private static void awaitReadiness(int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != expected) {
            status = given().get("/q/health/ready").then().extract().statusCode();
            if (status != expected) {
                Thread.sleep(250);
            }
        }
    }
}
