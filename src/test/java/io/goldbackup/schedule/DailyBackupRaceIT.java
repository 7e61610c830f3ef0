package io.goldbackup.schedule;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances of the packaged service, started at once in the one-shot job mode against one database, race for
 * the day's backup: exactly one creates it, both exit 0.
 */
class DailyBackupRaceIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void dailyBackupRunsOncePerDayAcrossTwoInstances() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        List<Process> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            File log = Files.createTempFile("gold-backup-instance-" + i, ".log").toFile();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", jar.toString(), "job", "daily-backup")
                    .redirectErrorStream(true).redirectOutput(log);
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            builder.environment().put("QUARKUS_HTTP_PORT", "0");
            // The jar of the default build carries the embedded PostgreSQL extension, which also starts a database
            // of its own, on a port fixed when the jar was built (5432 when it was free then); the second instance
            // finds the first one's there and goes on. The service itself uses the database named above. A
            // PostgreSQL with password authentication on that port makes this test fail: see the README.
            builder.environment().put("QUARKUS_EMBEDDED_POSTGRESQL_STARTUP_WAIT", "60000");
            // The one-shot mode reads no token, but prod refuses to start without a provider: name one nobody serves.
            builder.environment().put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://localhost:9/realms/unused");
            builder.environment().put("GOLD_BACKUP_SCHEDULE_DAILY_BACKUP", "off");
            builder.environment().put("GOLD_BACKUP_SCHEDULE_WEEKLY_CLEANUP", "off");
            instances.add(builder.start());
        }
        for (Process p : instances) {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), "each instance exits 0: one created the backup, one found it "
                    + "(instance logs: " + System.getProperty("java.io.tmpdir") + "/gold-backup-instance-*.log)");
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE status = 'completed') "
                        + "FROM gold_backups WHERE backup_type = 'auto_daily'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "one daily backup for the day");
            assertEquals(1, rs.getInt(2));
        }
    }
}
