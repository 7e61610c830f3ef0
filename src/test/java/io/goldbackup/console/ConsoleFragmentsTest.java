package io.goldbackup.console;

import java.io.IOException;
import java.net.URL;
import java.util.Locale;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML fragments the console's scripts insert, fetched as the scripts fetch them (JSON body, the page's CSRF
 * token, the session cookie): the same roles, CSRF checks and problem details as the console's JSON endpoints,
 * and the figures of the run they render, read back from PostgreSQL.
 */
@QuarkusTest
class ConsoleFragmentsTest extends ConsoleFixture {

    private static final String PLAN = "/console/fragments/restore-plan";
    private static final String CLEANUP = "/console/fragments/cleanup-report";

    /** A fragment request as the page scripts send it: Accept text/html, a JSON body, the CSRF header if given. */
    private WebResponse fragment(ConsoleBrowser browser, HttpMethod method, String path, String json, String token)
            throws IOException {
        // The browser's own client, with its session and CSRF cookies (any page gives it; this one is light).
        WebClient client = browser.page("/console/signed-out").getWebClient();
        WebRequest request = new WebRequest(new URL(console, path), method);
        request.setAdditionalHeader("Accept", "text/html, application/problem+json");
        request.setAdditionalHeader("X-Requested-With", "JavaScript");
        if (token != null) {
            request.setAdditionalHeader("X-CSRF-TOKEN", token);
        }
        if (json != null) {
            request.setAdditionalHeader("Content-Type", "application/json");
            request.setRequestBody(json);
        }
        return client.loadWebResponse(request);
    }

    private long runs() {
        return db.count("SELECT count(*) FROM restore_runs");
    }

    @Test
    void aViewerReadsTheRestoreLogFragmentButGets403ForTheDryRunAndCleanupFragments() throws IOException {
        db.seed(1, 10);
        long id = backupViaApi();
        given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body("{\"backupId\":" + id + ",\"dryRun\":true}").post("/api/v1/restores").then().statusCode(200);
        try (ConsoleBrowser browser = viewer()) {
            WebResponse log = fragment(browser, HttpMethod.GET, "/console/fragments/restore-runs", null, null);
            assertEquals(200, log.getStatusCode());
            assertTrue(log.getContentType().startsWith("text/html"), log.getContentType());
            String html = log.getContentAsString();
            assertTrue(html.contains("<table class=\"runs\">") && html.contains("dry run")
                    && html.contains("/console/backup?id=" + id), html);

            String token = browser.csrfCookie();
            TableRows before = db.liveRows();
            long runsBefore = runs();
            WebResponse plan = fragment(browser, HttpMethod.POST, PLAN, "{\"backupId\":" + id + ",\"dryRun\":true}",
                    token);
            assertEquals(403, plan.getStatusCode());
            assertEquals("application/problem+json", plan.getContentType());
            assertEquals(403, fragment(browser, HttpMethod.POST, CLEANUP, "{\"dryRun\":true}", token)
                    .getStatusCode());
            db.assertUnchanged(before, "a refused fragment request changed something");
            assertEquals(runsBefore, runs(), "a refused dry run is not in the restore log");
        }
    }

    @Test
    void aFragmentPostWithoutItsCsrfTokenIsRefused() throws IOException {
        db.seed(1, 10);
        long id = backupViaApi();
        try (ConsoleBrowser browser = operator()) {
            browser.csrfToken("/console/restore");
            String body = "{\"backupId\":" + id + ",\"dryRun\":true}";
            WebResponse missing = fragment(browser, HttpMethod.POST, PLAN, body, null);
            assertEquals(403, missing.getStatusCode());
            assertTrue(missing.getContentAsString().contains("CSRF"), missing.getContentAsString());
            assertEquals(400, fragment(browser, HttpMethod.POST, PLAN, body, "not-the-token").getStatusCode());
            assertEquals(403, fragment(browser, HttpMethod.POST, CLEANUP, "{\"dryRun\":true}", null)
                    .getStatusCode());
            assertEquals(0, runs(), "a refused dry run is not in the restore log");
        }
    }

    @Test
    void aBadAddressInTheDryRunIs400NamingItsFieldAndChangesNothing() throws IOException {
        db.seed(1, 10);
        long id = backupViaApi();
        String valid = db.strings("SELECT wallet_address FROM gold_mining ORDER BY wallet_address LIMIT 1").get(0);
        // The right shape, a wrong checksum: only the server's full check finds it.
        String mistyped = valid.substring(0, valid.length() - 1) + (valid.endsWith("q") ? "p" : "q");
        try (ConsoleBrowser browser = operator()) {
            String token = browser.csrfToken("/console/restore");
            TableRows before = db.liveRows();
            WebResponse refused = fragment(browser, HttpMethod.POST, PLAN, "{\"backupId\":" + id
                    + ",\"dryRun\":true,\"targetWallets\":[\"" + mistyped + "\",\"" + valid + "\"]}", token);
            assertEquals(400, refused.getStatusCode());
            assertEquals("application/problem+json", refused.getContentType());
            JsonPath problem = JsonPath.from(refused.getContentAsString());
            assertEquals(1, problem.getList("violations").size(), refused.getContentAsString());
            assertEquals("targetWallets[0]", problem.getString("violations[0].field"));
            assertEquals("has a wrong bech32 checksum", problem.getString("violations[0].message"));
            db.assertUnchanged(before, "a refused dry run changed something");
            assertEquals(0, runs(), "a refused dry run is not in the restore log");

            WebResponse restore = fragment(browser, HttpMethod.POST, PLAN, "{\"backupId\":" + id
                    + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}", token);
            assertEquals(400, restore.getStatusCode(), "the plan fragment runs dry runs only");
            assertEquals("dryRun", JsonPath.from(restore.getContentAsString()).getString("violations[0].field"));
            db.assertUnchanged(before, "a refused restore changed something");
            assertEquals(0, runs());
        }
    }

    @Test
    void thePlanFragmentShowsTheFingerprintAndTotalsOfARealDryRun() throws IOException {
        db.seed(1, 40);
        long id = backupViaApi();
        db.execute("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1000");
        try (ConsoleBrowser browser = operator()) {
            String token = browser.csrfToken("/console/restore?backupId=" + id);
            TableRows before = db.liveRows();
            WebResponse answer = fragment(browser, HttpMethod.POST, PLAN, "{\"backupId\":" + id + ",\"dryRun\":true}",
                    token);
            assertEquals(200, answer.getStatusCode(), answer.getContentAsString());
            assertTrue(answer.getContentType().startsWith("text/html"), answer.getContentType());
            String html = answer.getContentAsString();
            db.assertUnchanged(before, "a dry run changed something");

            long run = db.count("SELECT max(id) FROM restore_runs WHERE dry_run AND status = 'completed'");
            String fingerprint = (String) db.single("SELECT fingerprint FROM restore_runs WHERE id = ?", run);
            assertTrue(html.contains("data-fingerprint=\"" + fingerprint + "\""), html);
            assertTrue(html.contains("data-run-id=\"" + run + "\""), html);
            assertTrue(html.contains("<code id=\"plan-fingerprint\">" + fingerprint + "</code>"), html);
            assertTrue(html.contains("Dry run #" + run + " of backup #" + id), html);
            assertTrue(html.contains("40 wallet(s) in scope, 40 would change."), html);
            double goldBefore = ((Number) db.single("SELECT gold_before FROM restore_runs WHERE id = ?", run))
                    .doubleValue();
            double goldAfter = ((Number) db.single("SELECT gold_after FROM restore_runs WHERE id = ?", run))
                    .doubleValue();
            assertTrue(html.contains(String.format(Locale.ROOT, "<td class=\"num\">%,.2f</td>", goldBefore)), html);
            assertTrue(html.contains(String.format(Locale.ROOT, "<td class=\"num\">%,.2f</td>", goldAfter)), html);
            assertEquals(40, html.split("<td><code>", -1).length - 1, "a row of #plan-diffs per changed wallet");
        }
    }

    @Test
    void theUndoPageAsksToDeleteReCreatedWalletsAndItsPlanListsThem() throws IOException {
        db.seed(1, 10);
        long id = backupViaApi();
        String gone = db.strings("SELECT wallet_address FROM gold_mining ORDER BY wallet_address LIMIT 1").get(0);
        db.update("DELETE FROM owned_meks WHERE wallet_address = ?", gone);
        db.update("DELETE FROM players WHERE wallet_address = ?", gone);
        db.update("DELETE FROM gold_mining WHERE wallet_address = ?", gone);
        JsonPath run = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"backupId\":" + id + ",\"dryRun\":false,\"restoreDeleted\":true,"
                        + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200).extract().jsonPath();
        long safety = run.getLong("safetyBackupId");
        try (ConsoleBrowser browser = admin()) {
            assertFalse(browser.page("/console/restore?backupId=" + id)
                    .<HtmlCheckBoxInput>getHtmlElementById("restore-deleted").isChecked(),
                    "a plain restore re-creates nothing unless asked");
            HtmlPage undo = browser.page("/console/restore?backupId=" + safety + "&undo=" + run.getLong("id"));
            assertTrue(undo.<HtmlCheckBoxInput>getHtmlElementById("restore-deleted").isChecked(),
                    "the undo deletes what its restore re-created");
            String token = browser.csrfToken("/console/restore?backupId=" + safety);
            TableRows before = db.liveRows();
            String html = fragment(browser, HttpMethod.POST, PLAN, "{\"backupId\":" + safety
                    + ",\"dryRun\":true,\"restoreDeleted\":true}", token).getContentAsString();
            assertTrue(html.contains("id=\"plan-to-delete\"") && html.contains(gone), html);
            String kept = fragment(browser, HttpMethod.POST, PLAN, "{\"backupId\":" + safety
                    + ",\"dryRun\":true,\"restoreDeleted\":false}", token).getContentAsString();
            assertTrue(kept.contains("id=\"plan-recreated-kept\"") && kept.contains("id=\"plan-warnings\"")
                    && !kept.contains("plan-to-delete"), kept);
            db.assertUnchanged(before, "a dry run changes nothing");
        }
    }

    @Test
    void theCleanupFragmentPreviewsForAnOperatorAndDeletesForAnAdmin() throws IOException {
        long oldest = backupViaApi();
        backupViaApi();
        backupViaApi();
        String body = "{\"dryRun\":%s,\"daysToKeep\":0}";
        try (ConsoleBrowser browser = operator()) {
            String token = browser.csrfToken("/console/cleanup");
            WebResponse preview = fragment(browser, HttpMethod.POST, CLEANUP, body.formatted(true), token);
            assertEquals(200, preview.getStatusCode(), preview.getContentAsString());
            String html = preview.getContentAsString();
            assertTrue(html.contains("data-backups=\"1\"") && html.contains("Would delete 1 backup(s)")
                    && html.contains("/console/backup?id=" + oldest), html);
            assertEquals(403, fragment(browser, HttpMethod.POST, CLEANUP, body.formatted(false), token)
                    .getStatusCode());
            WebResponse negative = fragment(browser, HttpMethod.POST, CLEANUP, "{\"dryRun\":true,\"daysToKeep\":-1}",
                    token);
            assertEquals(400, negative.getStatusCode());
            assertEquals("daysToKeep", JsonPath.from(negative.getContentAsString()).getString("violations[0].field"));
            assertEquals(3, db.count("SELECT count(*) FROM gold_backups"));
        }
        try (ConsoleBrowser browser = admin()) {
            String token = browser.csrfToken("/console/cleanup");
            WebResponse unconfirmed = fragment(browser, HttpMethod.POST, CLEANUP, body.formatted(false), token);
            assertEquals(400, unconfirmed.getStatusCode());
            assertEquals("confirmName",
                    JsonPath.from(unconfirmed.getContentAsString()).getString("violations[0].field"));
            assertEquals(3, db.count("SELECT count(*) FROM gold_backups"));
            WebResponse deleted = fragment(browser, HttpMethod.POST, CLEANUP + "?confirmName=cleanup",
                    body.formatted(false), token);
            assertEquals(200, deleted.getStatusCode(), deleted.getContentAsString());
            assertTrue(deleted.getContentAsString().contains("Deleted 1 backup(s)"), deleted.getContentAsString());
            assertEquals(0, db.count("SELECT count(*) FROM gold_backups WHERE id = ?", oldest));
            assertEquals(2, db.count("SELECT count(*) FROM gold_backups"));
        }
    }
}
