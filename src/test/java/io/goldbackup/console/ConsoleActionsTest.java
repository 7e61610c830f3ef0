package io.goldbackup.console;

import java.util.List;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.TableRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console's actions, signed in as a person would (see {@link ConsoleTest}): confirmations, the CSRF token,
 * what a viewer's attempt changes (nothing), the audit of what a person did, the restore flow with its undo, and the
 * cleanup's two roles.
 */
@QuarkusTest
class ConsoleActionsTest extends ConsoleFixture {

    @Test
    void anAdminsConsoleDeleteNeedsTheBackupsNameTypedAndSendsTheCodeItself() {
        db.seed(1, 10);
        long keep = backupViaApi();
        long id = backupViaApi();
        try (ConsoleBrowser admin = admin()) {
            String token = admin.csrfToken("/console/backup?id=" + id);
            TableRows before = db.liveRows();
            String refusals = "SELECT count(*) FROM audit_events WHERE action = 'backup.delete' AND outcome = 'refused' "
                    + "AND actor = 'console-admin'";
            long refusedBefore = db.count(refusals);
            for (String query : List.of("", "?confirmName=", "?confirmName=apj", "?confirmationCode=api",
                    "?confirmName=DELETE_GOLD_BACKUP_CONFIRMED")) {
                WebResponse refused = admin.send(HttpMethod.DELETE, "/console/api/backups/" + id + query, null,
                        token);
                assertEquals(400, refused.getStatusCode(), query);
                JsonPath problem = JsonPath.from(refused.getContentAsString());
                assertEquals("confirmName", problem.getString("violations[0].field"));
                assertTrue(problem.getString("violations[0].message").contains("\"api\""), problem.prettify());
            }
            db.assertUnchanged(before, "a console delete without the backup's name changes nothing");
            assertEquals(refusedBefore, db.count(refusals), "a mistyped name is refused before anything is tried");
            WebResponse deleted = admin.send(HttpMethod.DELETE, "/console/api/backups/" + id + "?confirmName=%20api%20",
                    null, token);
            assertEquals(204, deleted.getStatusCode(), deleted.getContentAsString());
            assertEquals(0, db.count("SELECT count(*) FROM gold_backups WHERE id = ?", id));
            assertEquals(1, db.count("SELECT count(*) FROM gold_backups WHERE id = ?", keep));
        }
    }

    @Test
    void aConsoleRequestThatChangesStateWithoutItsCsrfTokenIsRefused() {
        db.seed(1, 20);
        try (ConsoleBrowser browser = operator()) {
            TableRows before = db.liveRows();
            WebResponse missing = browser.send(HttpMethod.POST, "/console/api/backups",
                    "{\"backupType\":\"manual\"}", null);
            assertEquals(403, missing.getStatusCode());
            assertTrue(missing.getContentAsString().contains("CSRF"));
            browser.csrfToken("/console/create");
            WebResponse wrong = browser.send(HttpMethod.POST, "/console/api/backups",
                    "{\"backupType\":\"manual\"}", "not-the-token");
            assertEquals(400, wrong.getStatusCode());
            db.assertUnchanged(before, "a refused request changed something");
        }
    }

    @Test
    void aViewersConsoleMutationIs403AndChangesNothing() {
        db.seed(1, 20);
        long id = backupViaApi();
        try (ConsoleBrowser browser = viewer()) {
            String token = browser.csrfCookie();
            TableRows before = db.liveRows();
            assertEquals(403, browser.send(HttpMethod.POST, "/console/api/backups", "{\"backupType\":\"manual\"}",
                    token).getStatusCode());
            assertEquals(403, browser.send(HttpMethod.POST, "/console/api/backups/" + id + "/verify", null, token)
                    .getStatusCode());
            assertEquals(403, browser.send(HttpMethod.DELETE, "/console/api/backups/" + id, null, token)
                    .getStatusCode());
            assertEquals(403, browser.send(HttpMethod.POST, "/console/api/restores",
                    "{\"backupId\":" + id + ",\"dryRun\":true}", token).getStatusCode());
            assertEquals(403, browser.send(HttpMethod.POST, "/console/api/cleanup", "{\"dryRun\":true}", token)
                    .getStatusCode());
            db.assertUnchanged(before, "a refused request changed something");
            assertEquals(200, browser.send(HttpMethod.GET, "/console/api/backups?status=running", null, null)
                    .getStatusCode());
        }
    }

    @Test
    void aBackupCreatedInTheConsoleIsAuditedWithTheSignedInPerson() {
        db.seed(1, 30);
        try (ConsoleBrowser browser = operator()) {
            String token = browser.csrfToken("/console/create");
            WebResponse created = browser.send(HttpMethod.POST, "/console/api/backups",
                    "{\"backupType\":\"pre_update\",\"backupName\":\"console release\",\"notes\":\"from the console\"}",
                    token);
            assertEquals(201, created.getStatusCode(), created.getContentAsString());
            JsonPath backup = JsonPath.from(created.getContentAsString());
            long id = backup.getLong("id");
            assertEquals("completed", backup.getString("status"));
            assertEquals("Pre-update console release", backup.getString("backupName"));
            assertEquals(30L, db.count("SELECT total_users_backed_up FROM gold_backups WHERE id = ?", id));
            assertEquals("console-operator", db.single("SELECT triggered_by FROM gold_backups WHERE id = ?", id));
            assertEquals("console-operator-name", db.single("""
                    SELECT actor_name FROM audit_events
                    WHERE action = 'backup.create' AND actor = 'console-operator' AND outcome = 'succeeded'
                    ORDER BY id DESC LIMIT 1
                    """));
            assertTrue(browser.page("/console/backup?id=" + id).asNormalizedText().contains("console release"));
            String audit = browser.page("/console/audit").asNormalizedText();
            assertTrue(audit.contains("console-operator-name") && audit.contains("backup.create"), audit);
        }
    }

    @Test
    void anAdminVerifiesRunsTheDryRunRestoresAndIsOfferedTheUndo() {
        db.seed(1, 40);
        long id = backupViaApi();
        db.execute("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1000");
        try (ConsoleBrowser operator = operator()) {
            String token = operator.csrfToken("/console/backup?id=" + id);
            WebResponse verify = operator.send(HttpMethod.POST, "/console/api/backups/" + id + "/verify", null,
                    token);
            assertEquals(200, verify.getStatusCode());
            assertTrue(JsonPath.from(verify.getContentAsString()).getBoolean("ok"));
            WebResponse plan = operator.send(HttpMethod.POST, "/console/api/restores",
                    "{\"backupId\":" + id + ",\"dryRun\":true}", token);
            assertEquals(200, plan.getStatusCode(), plan.getContentAsString());
            WebResponse refused = operator.send(HttpMethod.POST, "/console/api/restores?confirmName=api",
                    "{\"backupId\":" + id + ",\"dryRun\":false}", token);
            assertEquals(403, refused.getStatusCode(), "typing the name gives an operator no restore");
        }
        try (ConsoleBrowser admin = admin()) {
            String token = admin.csrfToken("/console/restore?backupId=" + id);
            JsonPath plan = JsonPath.from(admin.send(HttpMethod.POST, "/console/api/restores",
                    "{\"backupId\":" + id + ",\"dryRun\":true}", token).getContentAsString());
            assertEquals(40, plan.getInt("walletsToChange"));
            for (String query : List.of("", "?confirmName=yes", "?confirmName=RESTORE_GOLD_BACKUP_CONFIRMED")) {
                WebResponse wrongName = admin.send(HttpMethod.POST, "/console/api/restores" + query, "{\"backupId\":"
                        + id + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\","
                        + "\"fingerprint\":\"" + plan.getString("fingerprint") + "\"}", token);
                assertEquals(400, wrongName.getStatusCode(), query);
                assertEquals("confirmName",
                        JsonPath.from(wrongName.getContentAsString()).getString("violations[0].field"));
            }
            WebResponse restored = admin.send(HttpMethod.POST, "/console/api/restores?confirmName=api",
                    "{\"backupId\":" + id + ",\"dryRun\":false,\"fingerprint\":\"" + plan.getString("fingerprint")
                            + "\"}",
                    token);
            assertEquals(200, restored.getStatusCode(), restored.getContentAsString());
            JsonPath run = JsonPath.from(restored.getContentAsString());
            assertEquals("completed", run.getString("status"));
            assertEquals("console-admin-name", run.getString("actorName"));
            long safety = run.getLong("safetyBackupId");
            assertEquals(0L, db.count("""
                    SELECT count(*) FROM gold_mining g
                    JOIN gold_backup_wallets w ON w.wallet_address = g.wallet_address AND w.backup_id = ?
                    WHERE g.accumulated_gold <> w.current_gold
                    """, id));
            HtmlPage undo = admin.page("/console/restore?backupId=" + safety + "&undo=" + run.getLong("id"));
            assertNotNull(undo.getElementById("undo-notice"));
            assertTrue(undo.<org.htmlunit.html.HtmlSelect>getHtmlElementById("restore-backup")
                    .getOptionByValue(String.valueOf(safety)).isSelected());
            assertTrue(admin.page("/console/restore").getElementById("restore-log").asNormalizedText()
                    .contains("console-admin-name"));
        }
    }

    @Test
    void cleanupPreviewNeedsAnOperatorAndTheCleanupAnAdmin() {
        backupViaApi();
        try (ConsoleBrowser operator = operator()) {
            String token = operator.csrfToken("/console/cleanup");
            WebResponse preview = operator.send(HttpMethod.POST, "/console/api/cleanup", "{\"dryRun\":true}", token);
            assertEquals(200, preview.getStatusCode());
            assertTrue(JsonPath.from(preview.getContentAsString()).getBoolean("dryRun"));
            assertEquals(403, operator.send(HttpMethod.POST, "/console/api/cleanup?confirmName=cleanup",
                    "{\"dryRun\":false}", token).getStatusCode());
        }
        try (ConsoleBrowser admin = admin()) {
            String token = admin.csrfToken("/console/cleanup");
            TableRows before = db.liveRows();
            WebResponse refused = admin.send(HttpMethod.POST, "/console/api/cleanup",
                    "{\"dryRun\":false,\"daysToKeep\":0}", token);
            assertEquals(400, refused.getStatusCode(), refused.getContentAsString());
            assertEquals("confirmName",
                    JsonPath.from(refused.getContentAsString()).getString("violations[0].field"));
            db.assertUnchanged(before, "a console cleanup without the typed word changes nothing");
            WebResponse cleaned = admin.send(HttpMethod.POST, "/console/api/cleanup?confirmName=cleanup",
                    "{\"dryRun\":false,\"daysToKeep\":0}", token);
            assertEquals(200, cleaned.getStatusCode(), cleaned.getContentAsString());
            assertFalse(JsonPath.from(cleaned.getContentAsString()).getBoolean("dryRun"));
        }
    }
}
