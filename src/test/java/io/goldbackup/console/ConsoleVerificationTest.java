package io.goldbackup.console;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console shows each backup's seal and last verification, and a corrupt backup with its badge. */
@QuarkusTest
class ConsoleVerificationTest extends ConsoleFixture {

    private static void verify(long id) {
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200);
    }

    @Test
    void theListAndTheBackupPageShowTheLastVerificationAndTheSeal() {
        db.seed(1, 10);
        long id = backupViaApi();
        try (ConsoleBrowser viewer = viewer()) {
            HtmlPage before = viewer.page("/console/backup?id=" + id);
            assertEquals("never verified", before.getElementById("backup-last-verification").asNormalizedText());
            assertTrue(before.getElementById("backup-seal").asNormalizedText().contains("sealed with key test1"));
            assertTrue(viewer.page("/console/backups").querySelector("#backup-list tbody tr").asNormalizedText()
                    .contains("never"));

            verify(id);

            String last = viewer.page("/console/backup?id=" + id).getElementById("backup-last-verification")
                    .asNormalizedText();
            assertTrue(last.startsWith("ok ") && last.contains("UTC") && last.contains("seal"), last);
            assertTrue(viewer.page("/console/backups").querySelector("#backup-list tbody tr .verify-ok") != null);
            // The dashboard lists the backup among the latest outcomes (a failed verification would read corrupt).
            assertNotNull(viewer.page("/console").getElementById("outcome-backup-" + id), "the dashboard's outcomes");
        }
    }

    @Test
    void aCorruptBackupCarriesItsBadgeAndNoRestoreLink() {
        db.seed(1, 10);
        long id = backupViaApi();
        // The seal names a key that is not configured: the verification fails and marks the backup corrupt.
        db.update("UPDATE gold_backups SET seal_key_id = 'retired' WHERE id = ?", id);
        verify(id);
        try (ConsoleBrowser operator = operator()) {
            HtmlPage page = operator.page("/console/backup?id=" + id);
            assertNotNull(page.getElementById("corrupt-badge"));
            assertTrue(page.getElementById("backup-last-verification").asNormalizedText().startsWith("mismatch "));
            assertNull(page.getElementById("restore-from-backup"));
            assertNotNull(page.getElementById("restore-corrupt"));
            HtmlPage list = operator.page("/console/backups?status=corrupt");
            assertTrue(list.getElementById("backup-count").asNormalizedText().startsWith("1 backup(s)"));
            assertNotNull(list.querySelector("#backup-list .tag-corrupt"));
            assertNotNull(list.querySelector("#backup-list .verify-mismatch"));
        }
    }
}
