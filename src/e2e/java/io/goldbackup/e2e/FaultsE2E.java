package io.goldbackup.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.TcpProxy;

/**
 * The fault suite: the packaged service killed (SIGKILL) inside a backup and a restore, also while a statement waits
 * for a game lock; its database cut off and restored (a TCP proxy) during a backup and a restore; its sessions
 * terminated; SIGTERM with a short grace period. After each: no run is left {@code running} (a second replica's
 * recovery marks it failed within {@link #RECOVERED_WITHIN}), nothing is left behind, the live tables are exactly as
 * before (the digest of every live row), the audit trail says what happened, and the next operation succeeds.
 * Each test prints the measured times; the README's table of faults reports them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsE2E {

    /** Wallets in the live tables: a backup copies them in a few seconds, a full restore writes them in several. */
    private static final long WALLETS = 300_000;

    /** How soon after a fault ends every run must have left {@code running}. */
    private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(FaultsE2E.class);

    private static PackagedService survivor;

    @BeforeAll
    static void start() throws Exception {
        // The replica that stays up: its recovery (every 2 s here) finds what a killed one left. It migrates first.
        survivor = PackagedService.start("faults-survivor", config());
        survivor.awaitReady(Duration.ofMinutes(2));
        if (((Number) E2eDatabase.single("SELECT count(*) FROM gold_mining")).longValue() < WALLETS) {
            GameStateSeeder.seed(E2eDatabase.game(), 8_000_001, WALLETS, 4);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (survivor != null) {
            survivor.close();
        }
    }

    static Map<String, String> config() {
        Map<String, String> config = new HashMap<>(ServiceResource.config());
        config.put("gold-backup.schedule.recovery-interval", "2s");
        return config;
    }

    @Test
    @Order(1)
    void killedInTheMiddleOfABackup() throws Exception {
        String digest = liveDigest();
        String name = "killed during copy " + Instant.now();
        try (PackagedService victim = started("faults-kill-backup", config())) {
            postAsync(victim, "/api/v1/backups", otto(), "{\"backupType\":\"manual\",\"backupName\":\"" + name + "\"}");
            await("the backup runs", () -> "running".equals(backupStatus(name)), Duration.ofSeconds(30));
            Thread.sleep(500);
            victim.process().destroyForcibly(); // SIGKILL
            victim.process().waitFor(10, TimeUnit.SECONDS);
        }
        long recovered = await("the backup is marked failed", () -> "failed".equals(backupStatus(name)),
                RECOVERED_WITHIN);
        report("kill -9 during a backup's copy", recovered);
        assertNothingLeftBehind(name);
        assertEquals(digest, liveDigest(), "the live tables are as they were");
        assertEquals(1L, count("SELECT count(*) FROM audit_events WHERE action = 'recovery.backup-failed' AND "
                + "target = 'backup/' || (SELECT id FROM gold_backups WHERE backup_name = '" + name + "')"));
        assertEquals(201, post(survivor, "/api/v1/backups", otto(), "{\"backupType\":\"manual\"}").statusCode());
    }

    @Test
    @Order(2)
    void killedWhileItsBackupWaitsForAGameLock() throws Exception {
        String name = "killed behind a lock " + Instant.now();
        try (Connection game = E2eDatabase.game().getConnection(); Statement st = game.createStatement()) {
            game.setAutoCommit(false);
            st.execute("LOCK TABLE players IN ACCESS EXCLUSIVE MODE"); // a game migration
            try (PackagedService victim = started("faults-kill-lock", config())) {
                postAsync(victim, "/api/v1/backups", otto(),
                        "{\"backupType\":\"manual\",\"backupName\":\"" + name + "\"}");
                await("the backup waits", () -> "running".equals(backupStatus(name)), Duration.ofSeconds(30));
                Thread.sleep(1000);
                victim.process().destroyForcibly();
                victim.process().waitFor(10, TimeUnit.SECONDS);
            }
            // While the game still holds its lock: the dead instance's session ends, and the backup is failed.
            long recovered = await("the backup is marked failed while the lock is still held",
                    () -> "failed".equals(backupStatus(name)), RECOVERED_WITHIN);
            report("kill -9 while the backup waits for a game lock", recovered);
            game.rollback();
        }
        assertNothingLeftBehind(name);
        assertEquals(201, post(survivor, "/api/v1/backups", otto(), "{\"backupType\":\"manual\"}").statusCode());
    }

    @Test
    @Order(3)
    void killedInTheMiddleOfARestore() throws Exception {
        long backupId = completedBackup();
        E2eDatabase.game("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1 WHERE wallet_address = '"
                + GameStateSeeder.demoAddress(8_000_001) + "'");
        String digest = liveDigest();
        try (PackagedService victim = started("faults-kill-restore", config())) {
            postAsync(victim, "/api/v1/restores", ada(), restoreAll(backupId));
            // Inside its transaction: the lock taken and what it changes marked (walletsChanged is reported then), the
            // safety snapshot and the writes still to come. A restore of most wallets writes in one step, too short a
            // window to aim a kill at its progress.
            await("the restore holds its lock", () -> count("SELECT count(*) FROM restore_runs WHERE status = 'running' "
                    + "AND NOT dry_run AND wallets_changed IS NOT NULL") > 0, Duration.ofSeconds(60));
            victim.process().destroyForcibly();
            victim.process().waitFor(10, TimeUnit.SECONDS);
        }
        long recovered = await("the restore run is marked failed",
                () -> count("SELECT count(*) FROM restore_runs WHERE status = 'running'") == 0, RECOVERED_WITHIN);
        report("kill -9 inside a full restore's transaction (lock held, before its snapshot and writes)", recovered);
        assertEquals(digest, liveDigest(), "the restore was rolled back as a whole");
        assertEquals(0L, count("SELECT count(*) FROM gold_backups WHERE status = 'running'"));
        assertTrue(count("SELECT count(*) FROM audit_events WHERE action = 'recovery.restore-failed'") >= 1);
        assertEquals(200, post(survivor, "/api/v1/restores", ada(), restoreAll(backupId)).statusCode(),
                "the next restore runs");
    }

    @Test
    @Order(4)
    void killedWhileItsRestoreWaitsForAGameRowLock() throws Exception {
        long backupId = completedBackup();
        String wallet = GameStateSeeder.demoAddress(8_000_002);
        try (Connection game = E2eDatabase.game().getConnection(); Statement st = game.createStatement()) {
            game.setAutoCommit(false);
            st.execute("SELECT 1 FROM gold_mining WHERE wallet_address = '" + wallet + "' FOR UPDATE");
            try (PackagedService victim = started("faults-kill-row-lock", config())) {
                postAsync(victim, "/api/v1/restores", ada(), "{\"backupId\":" + backupId + ",\"targetWallets\":[\""
                        + wallet + "\"],\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}");
                await("the restore waits", () -> count("SELECT count(*) FROM restore_runs WHERE status = 'running' "
                        + "AND NOT dry_run") > 0, Duration.ofSeconds(30));
                Thread.sleep(1000);
                victim.process().destroyForcibly();
                victim.process().waitFor(10, TimeUnit.SECONDS);
            }
            long recovered = await("the restore run is marked failed while the row is still locked",
                    () -> count("SELECT count(*) FROM restore_runs WHERE status = 'running'") == 0, RECOVERED_WITHIN);
            report("kill -9 while a restore waits for a game row lock", recovered);
            game.rollback();
        }
        assertEquals(200, post(survivor, "/api/v1/restores", ada(), "{\"backupId\":" + backupId
                + ",\"targetWallets\":[\"" + wallet + "\"],\"dryRun\":false,"
                + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}").statusCode());
    }

    @Test
    @Order(5)
    void databaseCutOffDuringABackupAndARestore() throws Exception {
        long backupId = completedBackup();
        String digest = liveDigest();
        URI db = new URI(E2eDatabase.url().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(db.getPort())) {
            proxy.start();
            Map<String, String> config = config();
            config.put("quarkus.datasource.jdbc.url", E2eDatabase.url().replace(":" + db.getPort() + "/",
                    ":" + proxy.port() + "/"));
            try (PackagedService cut = started("faults-cut", config)) {
                // A backup, cut off in its copy.
                String name = "cut off " + Instant.now();
                CompletableFuture<HttpResponse<String>> answer = postAsync(cut, "/api/v1/backups", otto(),
                        "{\"backupType\":\"manual\",\"backupName\":\"" + name + "\"}");
                await("the backup runs", () -> "running".equals(backupStatus(name)), Duration.ofSeconds(30));
                Thread.sleep(300);
                proxy.cut();
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertProblem(response);
                Thread.sleep(3000); // an outage of a few seconds
                proxy.start();
                long recovered = await("the backup is marked failed",
                        () -> "failed".equals(backupStatus(name)), RECOVERED_WITHIN);
                report("database cut off (3 s) during a backup: answer " + response.statusCode(), recovered);
                assertNothingLeftBehind(name);
                await("its audit event is written", () -> count("SELECT count(*) FROM audit_events WHERE action = "
                        + "'backup.create' AND outcome = 'failed' AND parameters->>'backupName' = '" + name + "'") == 1,
                        RECOVERED_WITHIN);

                // A restore, cut off in its writes.
                CompletableFuture<HttpResponse<String>> restore = postAsync(cut, "/api/v1/restores", ada(),
                        restoreAll(backupId));
                await("the restore holds its lock", () -> count("SELECT count(*) FROM restore_runs WHERE status = "
                        + "'running' AND NOT dry_run AND wallets_changed IS NOT NULL") > 0, Duration.ofSeconds(60));
                proxy.cut();
                assertProblem(restore.get(60, TimeUnit.SECONDS));
                Thread.sleep(3000);
                proxy.start();
                long restoreRecovered = await("the restore run is marked failed",
                        () -> count("SELECT count(*) FROM restore_runs WHERE status = 'running'") == 0,
                        RECOVERED_WITHIN);
                report("database cut off (3 s) during a full restore", restoreRecovered);
                // The instance's own failure record and audit event land once the database is back (a late mark
                // replaces recovery's generic reason).
                await("the restore's own failure is recorded", () -> count("SELECT count(*) FROM restore_runs WHERE "
                        + "status = 'failed' AND NOT dry_run AND error NOT LIKE 'interrupted:%' AND error LIKE '%08%'")
                        >= 1, RECOVERED_WITHIN);
                await("its audit event is written", () -> count("SELECT count(*) FROM audit_events WHERE action = "
                        + "'restore.apply' AND outcome = 'failed'") >= 1, RECOVERED_WITHIN);
                assertEquals(digest, liveDigest(), "the restore was rolled back as a whole");
                cut.awaitReady(Duration.ofSeconds(60));
                assertEquals(201, post(cut, "/api/v1/backups", otto(), "{\"backupType\":\"manual\"}").statusCode(),
                        "the same instance works again once the database is back");
            }
        }
    }

    @Test
    @Order(6)
    void itsSessionsTerminatedDuringABackup() throws Exception {
        String digest = liveDigest();
        String name = "sessions terminated " + Instant.now();
        try (PackagedService victim = started("faults-terminate", config())) {
            CompletableFuture<HttpResponse<String>> answer = postAsync(victim, "/api/v1/backups", otto(),
                    "{\"backupType\":\"manual\",\"backupName\":\"" + name + "\"}");
            await("the backup runs", () -> "running".equals(backupStatus(name)), Duration.ofSeconds(30));
            Thread.sleep(300);
            // Every session of the service's role but this one: both instances lose theirs, as in a failover.
            E2eDatabase.single("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE usename = current_user AND pid <> pg_backend_pid()");
            assertProblem(answer.get(60, TimeUnit.SECONDS));
            long recovered = await("the backup is marked failed", () -> "failed".equals(backupStatus(name)),
                    RECOVERED_WITHIN);
            report("sessions terminated (pg_terminate_backend) during a backup", recovered);
            assertNothingLeftBehind(name);
            assertEquals(digest, liveDigest());
            await("its audit event is written", () -> count("SELECT count(*) FROM audit_events WHERE action = "
                    + "'backup.create' AND parameters->>'backupName' = '" + name + "'") == 1, RECOVERED_WITHIN);
            assertEquals(201, post(victim, "/api/v1/backups", otto(), "{\"backupType\":\"manual\"}").statusCode(),
                    "the instance replaced its dead connections");
        }
    }

    @Test
    @Order(7)
    void sigtermWithAShortGracePeriodAnswersTheRequestInFlight() throws Exception {
        Map<String, String> config = config();
        config.put("quarkus.shutdown.timeout", "PT2S");
        String name = "stopped " + Instant.now();
        try (PackagedService victim = started("faults-sigterm", config)) {
            CompletableFuture<HttpResponse<String>> answer = postAsync(victim, "/api/v1/backups", otto(),
                    "{\"backupType\":\"manual\",\"backupName\":\"" + name + "\"}");
            await("the backup runs", () -> "running".equals(backupStatus(name)), Duration.ofSeconds(30));
            Thread.sleep(200);
            long stopped = System.nanoTime();
            victim.process().destroy(); // SIGTERM
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            long answeredMs = (System.nanoTime() - stopped) / 1_000_000;
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(response.body().contains("stopping"), response.body());
            assertEquals("5", response.headers().firstValue("Retry-After").orElse(null));
            assertTrue(victim.process().waitFor(60, TimeUnit.SECONDS));
            report("SIGTERM during a backup (grace 2 s): answered 503 after " + answeredMs + " ms", 0);
        }
        assertEquals("failed", backupStatus(name));
        assertNothingLeftBehind(name);
        assertEquals("failed", E2eDatabase.single("SELECT outcome FROM audit_events WHERE action = 'backup.create' "
                + "AND parameters->>'backupName' = '" + name + "'"));
    }

    // ----- helpers ----------------------------------------------------------------------------------------------

    private static PackagedService started(String name, Map<String, String> config) throws Exception {
        PackagedService service = PackagedService.start(name, config);
        service.awaitReady(Duration.ofMinutes(2));
        return service;
    }

    private static String otto() {
        return Keycloak.password("otto");
    }

    private static String ada() {
        return Keycloak.password("ada");
    }

    private static String restoreAll(long backupId) {
        return "{\"backupId\":" + backupId + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}";
    }

    private static long completedBackup() throws Exception {
        HttpResponse<String> created = post(survivor, "/api/v1/backups", otto(), "{\"backupType\":\"manual\"}");
        assertEquals(201, created.statusCode(), created.body());
        return ((Number) E2eDatabase.single("SELECT max(id) FROM gold_backups WHERE status = 'completed' "
                + "AND purpose = 'backup'")).longValue();
    }

    private static HttpResponse<String> post(PackagedService service, String path, String token, String body)
            throws Exception {
        return postAsync(service, path, token, body).get(5, TimeUnit.MINUTES);
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(PackagedService service, String path,
            String token, String body) throws URISyntaxException {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(new URI(service.url() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertTrue(response.statusCode() == 500 || response.statusCode() == 503,
                response.statusCode() + " " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static String backupStatus(String name) {
        return (String) E2eDatabase.single("SELECT status FROM gold_backups WHERE backup_name = '" + name + "'");
    }

    private static long count(String sql) {
        return ((Number) E2eDatabase.single(sql)).longValue();
    }

    /** No snapshot table of the named backup, attached or not. */
    private static void assertNothingLeftBehind(String name) {
        assertEquals(0L, count("SELECT count(*) FROM pg_class WHERE relname = 'gold_backup_wallets_' || "
                + "(SELECT id FROM gold_backups WHERE backup_name = '" + name + "')"), "no rows of the failed backup");
        assertEquals(0L, count("SELECT count(*) FROM gold_backups WHERE status = 'running'"), "nothing running");
    }

    /**
     * The digest of every live row of gold_mining and players, and the meks' count and exact rate sum (numeric: a
     * double sum's last digits depend on the order parallel workers add in).
     */
    private static String liveDigest() {
        return (String) E2eDatabase.single("""
                SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
                    SELECT 'g' || g::text AS t FROM gold_mining g
                    UNION ALL SELECT 'p' || p::text FROM players p
                    UNION ALL SELECT 'm' || count(*)::text || ':' || sum(o.gold_per_hour::numeric)::text
                    FROM owned_meks o
                ) x""");
    }

    /** Waits until {@code condition} holds; answers how long that took in ms. */
    private static long await(String what, BooleanSupplier condition, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "not within " + limit + ": " + what);
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String fault, long recoveredMs) {
        LOG.infof("FAULT | %s | no run left running %,d ms after the fault", fault, recoveredMs);
    }
}
