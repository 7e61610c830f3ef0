package io.goldbackup.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM while a backup runs, against the packaged service: within the grace period the backup is rolled back and
 * marked failed (or it completes), and the process ends; no backup is left {@code running}.
 */
class GracefulShutdownE2E {

    private static final long WALLETS = 300_000;

    @Test
    void sigtermDuringABackupLeavesNoBackupRunning() throws Exception {
        Map<String, String> config = new HashMap<>(ServiceResource.config());
        // Requests in flight get a tenth of a second, so the stop meets the backup in the middle of its copy.
        config.put("quarkus.shutdown.timeout", "PT0.1S");
        String name = "interrupted by SIGTERM " + Instant.now();
        try (PackagedService service = PackagedService.start("graceful-shutdown", config)) {
            service.awaitReady(Duration.ofMinutes(2));
            if (((Number) E2eDatabase.single("SELECT count(*) FROM gold_mining")).longValue() < WALLETS) {
                GameStateSeeder.seed(E2eDatabase.game(), 8_000_001, WALLETS, 4);
            }
            String body = "{\"backupType\":\"manual\",\"backupName\":\"" + name + "\"}";
            HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/backups"))
                    .header("Authorization", "Bearer " + Keycloak.password("otto"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding());

            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!"running".equals(status(name))) {
                assertTrue(Instant.now().isBefore(deadline), "the backup never started:\n" + service.output());
                Thread.sleep(50);
            }
            Thread.sleep(300);
            service.process().destroy(); // SIGTERM, as the kubelet sends it
            assertTrue(service.process().waitFor(60, TimeUnit.SECONDS),
                    "the service did not stop within the 60 s grace period");

            // A tenth of a second for requests in flight cannot finish a 300,000-wallet backup: the guard cancels it.
            assertEquals("failed", status(name), service.output());
            assertTrue(service.output().contains("Stopping: cancelling backups"), service.output());
            assertTrue(service.output().contains("Stopping: every operation has ended"), service.output());
            assertTrue(((String) E2eDatabase.single("SELECT error FROM gold_backups WHERE backup_name = '" + name
                    + "'")).contains("57014"), "the failure names the cancellation");
            assertEquals(0L, ((Number) E2eDatabase.single("SELECT count(*) FROM pg_class WHERE relname = "
                    + "'gold_backup_wallets_' || (SELECT id FROM gold_backups WHERE backup_name = '" + name
                    + "')")).longValue(), "the failed backup's rows were rolled back");
            assertEquals("failed", E2eDatabase.single("SELECT outcome FROM audit_events WHERE action = 'backup.create'"
                    + " AND parameters->>'backupName' = '" + name + "'"), "the audit event was written before the stop");
        }
    }

    private static String status(String name) {
        return (String) E2eDatabase.single("SELECT status FROM gold_backups WHERE backup_name = '" + name + "'");
    }
}
