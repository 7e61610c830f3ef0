package io.goldbackup.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged service, started at once in the one-shot job mode (as two CronJob pods, or a CronJob
 * and a replica's scheduler) against one database, race for the day's backup: exactly one creates it, both exit 0.
 */
class DailyBackupRaceE2E {

    @Test
    void dailyBackupRunsOncePerDayAcrossTwoInstances() throws Exception {
        String database = E2eDatabase.fresh("gold_e2e_race");
        Map<String, String> config = new HashMap<>(ServiceResource.config());
        config.put("quarkus.datasource.jdbc.url", database);
        List<PackagedService> instances = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                instances.add(PackagedService.start("daily-race-" + i, config, "job", "daily-backup"));
            }
            for (PackagedService instance : instances) {
                assertTrue(instance.process().waitFor(180, TimeUnit.SECONDS), instance.output());
                assertEquals(0, instance.process().exitValue(),
                        "each instance exits 0: one created the backup, one found it\n" + instance.output());
            }
        } finally {
            for (PackagedService instance : instances) {
                instance.close();
            }
        }
        assertEquals(1L, E2eDatabase.single(database,
                "SELECT count(*) FROM gold_backups WHERE backup_type = 'auto_daily'"), "one daily backup for the day");
        assertEquals(1L, E2eDatabase.single(database,
                "SELECT count(*) FROM gold_backups WHERE backup_type = 'auto_daily' AND status = 'completed'"));
    }
}
