package io.goldbackup.restore;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Api;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.quarkus.test.junit.QuarkusTest;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A full restore verifies its backup on a session of its own beside its first pass over the live rows, and writes
 * nothing unless the verdict is good: a backup tampered with (and not yet known to be) is refused with 409, nothing of
 * the game's changes, no safety snapshot and no table of changes remain, the run is recorded as refused with the
 * verdict, and the backup marked corrupt is audited as the restore's, by whoever asked for it.
 */
@QuarkusTest
class VerificationBesideTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
        db.seed(1, 50);
    }

    /** Changes one backup row without its checksum knowing, and the live rows so that a restore would write. */
    private void tamper(long id) {
        db.update("UPDATE gold_backup_wallets SET current_gold = 1e9 WHERE backup_id = ? AND wallet_address = "
                + "(SELECT min(wallet_address) FROM gold_backup_wallets WHERE backup_id = ?)", id, id);
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1");
    }

    @Test
    void aFullRestoreOfATamperedBackupWritesNothingAndIsRecordedRefused() {
        long id = Api.backup();
        tamper(id);
        TableRows before = db.gameRows();
        long backupsBefore = db.count("SELECT count(*) FROM gold_backups");

        Api.fullRestore(id, false).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("integrity check"));

        db.assertUnchanged(before, "nothing written: the verdict came before any write");
        assertEquals(backupsBefore, db.count("SELECT count(*) FROM gold_backups"), "no safety snapshot remains");
        assertEquals(0, db.count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'restore_changes_%'"),
                "no table of changes remains");
        assertEquals("corrupt", db.single("SELECT status FROM gold_backups WHERE id = ?", id));
        assertEquals("refused", db.single("SELECT status FROM restore_runs WHERE NOT dry_run"));
        assertEquals(1, db.count("SELECT count(*) FROM restore_runs WHERE error LIKE '%integrity check%'"));
        // The verification ran on another thread, as part of the restore: its audit event names the restore's
        // caller and operation.
        assertEquals(1, db.count("""
                SELECT count(*) FROM audit_events c
                JOIN audit_events r ON r.operation_id::text = c.parameters->>'operationId'
                WHERE c.action = 'backup.marked-corrupt' AND c.parameters->>'during' = 'restore.apply'
                  AND r.action = 'restore.apply' AND r.outcome = 'refused' AND c.actor = r.actor
                  AND c.target = ? AND r.target = c.target
                """, "backup/" + id));
    }

    @Test
    void aFullDryRunOfATamperedBackupIsRefusedToo() {
        long id = Api.backup();
        tamper(id);

        Api.fullRestore(id, true).statusCode(409).body("detail", containsString("integrity check"));

        assertEquals("refused", db.single("SELECT status FROM restore_runs WHERE dry_run"));
        assertEquals("corrupt", db.single("SELECT status FROM gold_backups WHERE id = ?", id));
    }
}
