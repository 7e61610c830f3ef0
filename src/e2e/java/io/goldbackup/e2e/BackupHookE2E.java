package io.goldbackup.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deploy hooks' command against the packaged service, as the Kubernetes Job of k8s/components/pre-release-backup
 * runs it: {@code job backup --type pre_migration --description "release 1.2"} exits 0 with a completed
 * pre_migration backup of every wallet; a type it does not know exits 2 with the usage and takes nothing.
 */
class BackupHookE2E {

    private static final long WALLETS = 300;

    @Test
    void aPreMigrationBackupBeforeARelease() throws Exception {
        String database = E2eDatabase.fresh("gold_e2e_hook");
        Map<String, String> config = new HashMap<>(ServiceResource.config());
        config.put("quarkus.datasource.jdbc.url", database);

        // A type it does not know: exit 2 and the usage, no backup.
        try (PackagedService bad = PackagedService.start("hook-bad-type", config, "job", "backup", "--type",
                "nightly")) {
            assertTrue(bad.process().waitFor(180, TimeUnit.SECONDS), bad.output());
            assertEquals(2, bad.process().exitValue(), bad.output());
            assertTrue(bad.output().contains("--type must be one of pre_update, pre_migration, emergency, manual"),
                    bad.output());
            assertTrue(bad.output().contains("Usage: "), bad.output());
        }
        assertEquals(0L, E2eDatabase.single(database, "SELECT count(*) FROM gold_backups"));

        GameStateSeeder.seed(E2eDatabase.dataSource(database), 1, WALLETS, 2);
        try (PackagedService hook = PackagedService.start("hook-pre-migration", config, "job", "backup", "--type",
                "pre_migration", "--description", "release 1.2")) {
            assertTrue(hook.process().waitFor(180, TimeUnit.SECONDS), hook.output());
            assertEquals(0, hook.process().exitValue(), hook.output());
        }
        assertEquals("pre_migration|Pre-migration release 1.2|completed|job|" + WALLETS,
                E2eDatabase.single(database, """
                        SELECT string_agg(concat_ws('|', backup_type, backup_name, status, triggered_by,
                                                    total_users_backed_up), ',')
                        FROM gold_backups"""));
        assertEquals("job|backup.create|succeeded", E2eDatabase.single(database,
                "SELECT concat_ws('|', actor, action, outcome) FROM audit_events ORDER BY id DESC LIMIT 1"));
    }
}
