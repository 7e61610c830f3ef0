package io.goldbackup.schedule;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.retention.TightStorageProfile;
import io.goldbackup.testsupport.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code job backup}, the deploy hooks' command, through the entry point as the packaged jar runs it (the e2e suite
 * runs the jar itself): the backup, its audit event, the exit codes. Three backups at most, so that a refusal is
 * reachable.
 */
@QuarkusTest
@TestProfile(TightStorageProfile.class)
class OneShotBackupTest {

    @Inject
    Db db;

    @Inject
    GoldBackupMain main;

    /** The audit trail is append-only: each test reads the events after this id. */
    long auditBefore;

    @BeforeEach
    void reset() {
        db.reset();
        db.seed(1, 20);
        auditBefore = db.count("SELECT coalesce(max(id), 0) FROM audit_events");
    }

    @Test
    void aPreMigrationBackupCompletesWithItsDescriptionAndIsAudited() {
        assertEquals(0, main.run("job", "backup", "--type", "pre_migration", "--description", "release 1.2"));

        assertEquals(List.of("pre_migration|Pre-migration release 1.2|completed|job|20|" + OneShotBackup.NOTES),
                db.strings("SELECT concat_ws('|', backup_type, backup_name, status, triggered_by, "
                        + "total_users_backed_up, notes) FROM gold_backups"));
        assertEquals(List.of("job|one-shot job|backup.create|succeeded|pre_migration|release 1.2"),
                db.strings("SELECT concat_ws('|', actor, actor_name, action, outcome, parameters->>'backupType', "
                        + "parameters->>'backupName') FROM audit_events WHERE id > ?", auditBefore));
    }

    @Test
    void everyTypeButTheDailyOneWithOrWithoutADescription() {
        assertEquals(0, main.run("job", "backup", "--type=pre_update"));
        assertEquals(0, main.run("job", "backup", "--type", "emergency", "--description=database failover"));
        assertEquals(0, main.run("job", "backup", "--description", "before the import", "--type", "manual"));
        List<String> backups = db.strings("SELECT concat_ws('|', backup_type, backup_name, status) FROM gold_backups "
                + "ORDER BY id");
        assertEquals(3, backups.size());
        // Without a description the name is the type and the time, as through the API.
        assertTrue(backups.get(0).matches("pre_update\\|Pre-update \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\|completed"),
                backups.get(0));
        assertEquals(List.of("emergency|Emergency database failover|completed", "manual|before the import|completed"),
                backups.subList(1, 3));
    }

    @Test
    void aRefusedBackupFailsTheJobAndLeavesNothing() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, main.run("job", "backup", "--type", "manual"));
        }
        // gold-backup.storage.max-backups is 3 here.
        assertEquals(1, main.run("job", "backup", "--type", "pre_update", "--description", "release 1.3"));
        assertEquals(3, db.count("SELECT count(*) FROM gold_backups"));
        assertEquals(0, db.count("SELECT count(*) FROM gold_backups WHERE backup_type = 'pre_update'"));
        assertEquals(List.of("job|refused|pre_update"), db.strings("""
                SELECT concat_ws('|', actor, outcome, parameters->>'backupType') FROM audit_events
                WHERE id > ? AND outcome <> 'succeeded'""", auditBefore));
    }

    @Test
    void badArgumentsExitWith2AndChangeNothing() {
        assertEquals(2, main.run("job", "backup"));
        assertEquals(2, main.run("job", "backup", "--type"));
        assertEquals(2, main.run("job", "backup", "--type", "auto_daily"));
        assertEquals(2, main.run("job", "backup", "--type", "nightly"));
        assertEquals(2, main.run("job", "backup", "--type", "manual", "--description", "x".repeat(201)));
        assertEquals(2, main.run("job", "backup", "--type", "manual", "--force"));
        assertEquals(2, main.run("job", "nightly-backup"));
        assertEquals(0, db.count("SELECT count(*) FROM gold_backups"));
        assertEquals(0, db.count("SELECT count(*) FROM audit_events WHERE id > ?", auditBefore));
    }
}
