package io.goldbackup.console;

import java.util.List;
import java.util.Map;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console as an operator's status board: the backup list, a wallet's chart, a plan's link, the create guard. */
@QuarkusTest
class ConsoleStatusBoardTest extends ConsoleFixture {

    private static long backup(String name) {
        return given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body(Map.of("backupType", "manual", "backupName", name)).post("/api/v1/backups").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String row(HtmlPage page, long id) {
        DomElement row = page.getElementById("backup-row-" + id);
        return row == null ? null : row.asNormalizedText();
    }

    @Test
    void theBackupListSearchesByNameFiltersByDayAndBadgesEachKindOfBackup() {
        long alpha = backup("Alpha 50%_done");
        long beta = backup("beta");
        long gamma = backup("gamma");
        db.update("UPDATE gold_backups SET expires_at = now() - interval '1 day' WHERE id = ?", alpha);
        db.update("UPDATE gold_backups SET imported_from_target = 'eu', imported_original_id = 7, "
                + "imported_original_timestamp = now() WHERE id = ?", beta);
        db.update("UPDATE gold_backups SET status = 'corrupt', last_verified_at = now(), last_verify_ok = false, "
                + "last_verify_detail = 'rows differ' WHERE id = ?", gamma);
        String day = (String) db.single(
                "SELECT to_char(backup_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM gold_backups WHERE id = ?",
                alpha);
        try (ConsoleBrowser browser = viewer()) {
            HtmlPage all = browser.page("/console/backups");
            assertTrue(row(all, alpha).contains("expired") && row(all, alpha).contains("unverified"), row(all, alpha));
            assertTrue(row(all, beta).contains("imported") && !row(all, beta).contains("expired"), row(all, beta));
            assertTrue(row(all, gamma).contains("corrupt") && !row(all, gamma).contains("unverified"),
                    row(all, gamma));
            assertTrue(row(all, gamma).contains("mismatch"), "the last verification has its own column");
            HtmlAnchor link = all.querySelector("#backup-row-" + beta + " a.row-link");
            assertEquals("/console/backup?id=" + beta, link.getHrefAttribute(), "the row is one link to its backup");

            HtmlPage named = browser.page("/console/backups?name=ALPHA+50%25_");
            assertEquals(1, named.querySelectorAll("#backup-list tbody tr").size());
            assertNotNull(row(named, alpha));
            assertEquals(1, browser.page("/console/backups?name=%25").querySelectorAll("#backup-list tbody tr").size(),
                    "% in a search matches itself, not anything");
            assertTrue(named.getElementById("sort-time").getAttribute("href").contains("name=ALPHA+50%25_"),
                    "sorting keeps the search");

            assertEquals(3, browser.page("/console/backups?from=" + day + "&to=" + day)
                    .querySelectorAll("#backup-list tbody tr").size());
            HtmlPage before = browser.page("/console/backups?to=2020-01-01");
            assertNotNull(before.getElementById("backup-list-empty"));
            assertEquals(400, browser.fetch("/console/backups?from=yesterday").getStatusCode());
            assertEquals(400, browser.fetch("/console/backups?from=2026-02-02&to=2026-02-01").getStatusCode());

            WebResponse fragment = browser.fetch("/console/fragments/backups?type=manual&status=corrupt");
            assertEquals(200, fragment.getStatusCode());
            String html = fragment.getContentAsString();
            assertTrue(html.startsWith("<div id=\"backup-results\"") && html.contains("id=\"backup-row-" + gamma)
                    && !html.contains("id=\"backup-row-" + alpha) && !html.contains("<html"), html);
        }
    }

    @Test
    void aWalletsPageChartsItsGoldAndLinksEachBackupToItsRestore() throws Exception {
        db.seed(1, 3);
        long first = backupViaApi();
        String address = db.strings("SELECT wallet_address FROM gold_mining ORDER BY wallet_address LIMIT 1").get(0);
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 500 WHERE wallet_address = ?",
                address);
        long second = backupViaApi();
        try (ConsoleBrowser browser = operator()) {
            HtmlPage page = browser.page("/console/wallet?address=" + address);
            DomElement chart = page.getElementById("wallet-chart");
            assertNotNull(chart);
            assertEquals(2, chart.querySelectorAll("circle").size());
            assertEquals(1, chart.querySelectorAll("polyline").size());
            assertTrue(chart.querySelector("circle title").getTextContent().startsWith("Backup #" + first));
            HtmlAnchor restore = (HtmlAnchor) page.getElementById("restore-wallet-" + first);
            assertEquals("/console/restore?backupId=" + first + "&wallet=" + address, restore.getHrefAttribute());
            assertNotNull(page.getElementById("restore-wallet-" + second));
            HtmlPage opened = restore.click();
            assertTrue(opened.<HtmlSelect>getHtmlElementById("restore-backup").getOptionByValue(String.valueOf(first))
                    .isSelected());
            assertEquals(address, opened.<HtmlTextArea>getHtmlElementById("restore-wallets").getText().trim());
        }
        try (ConsoleBrowser browser = viewer()) {
            HtmlPage page = browser.page("/console/wallet?address=" + address);
            assertNotNull(page.getElementById("wallet-chart"));
            assertNull(page.getElementById("restore-wallet-" + first), "a viewer cannot run a dry run");
            assertNotNull(page.getElementById("read-only"));
        }
    }

    @Test
    void aDryRunsPlanReopensFromItsLinkLeadingWithWhatChangesAndSayingWhatStaysUnchanged() {
        db.seed(1, 4);
        long id = backupViaApi();
        String wallet = db.strings("SELECT wallet_address FROM gold_mining ORDER BY wallet_address LIMIT 1").get(0);
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1000 WHERE wallet_address = ?",
                wallet);
        try (ConsoleBrowser admin = admin()) {
            String token = admin.csrfToken("/console/restore");
            String html = admin.fragment(HttpMethod.POST, "/console/fragments/restore-plan", "{\"backupId\":" + id
                    + ",\"dryRun\":true,\"targetWallets\":[\"" + wallet + "\"]}", token).getContentAsString();
            long runId = Long.parseLong(html.replaceAll("(?s).*data-run-id=\"(\\d+)\".*", "$1"));
            String fingerprint = html.replaceAll("(?s).*data-fingerprint=\"([0-9a-f]+)\".*", "$1");
            assertTrue(html.indexOf("id=\"plan-changes\"") < html.indexOf("id=\"plan-totals\""),
                    "the plan leads with what changes");
            assertTrue(html.contains("id=\"plan-link\" href=\"/console/restore?plan=" + runId + "\""), html);

            HtmlPage page = admin.page("/console/restore?plan=" + runId);
            DomElement plan = page.getElementById("plan-result");
            assertNotNull(plan, "the link reopens the plan");
            assertEquals(fingerprint, plan.getAttribute("data-fingerprint"));
            assertEquals("api", plan.getAttribute("data-backup-name"));
            assertFalse(page.getElementById("restore-plan").hasAttribute("hidden"));
            assertFalse(page.getElementById("restore-danger").hasAttribute("hidden"));
            assertEquals("api", page.getElementById("confirm-name").getTextContent());
            assertTrue(page.<HtmlSelect>getHtmlElementById("restore-backup").getOptionByValue(String.valueOf(id))
                    .isSelected());
            assertEquals(wallet, page.<HtmlTextArea>getHtmlElementById("restore-wallets").getText().trim());
            String changes = page.getElementById("plan-changes").asNormalizedText();
            assertTrue(changes.startsWith("1 wallet(s) get the backup's values: gold -"), changes);
            String diff = page.querySelector("#plan-diffs tbody tr").asNormalizedText();
            assertTrue(diff.contains("unchanged") && !diff.contains("→"), "no 9 → 9: " + diff);
            assertEquals(6, page.querySelectorAll("#plan-totals td.num").size());

            long restoreRun = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                    .body("{\"backupId\":" + id + ",\"dryRun\":false,\"targetWallets\":[\"" + wallet
                            + "\"],\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                    .post("/api/v1/restores").then().statusCode(200).extract().jsonPath().getLong("id");
            assertEquals(400, admin.fetch("/console/restore?plan=" + restoreRun).getStatusCode(),
                    "a real restore has no plan to reopen");
            assertEquals(404, admin.fetch("/console/restore?plan=999999").getStatusCode());
        }
    }

    @Test
    void aSecondCreateWithTheSameKeyStartsNothingAndAnswersTheFirstBackup() {
        db.seed(1, 5);
        try (ConsoleBrowser browser = operator()) {
            String token = browser.csrfToken("/console/create");
            String body = "{\"backupType\":\"manual\",\"backupName\":\"once\"}";
            Map<String, String> key = Map.of("Idempotency-Key", "3f1c-test-key");
            WebResponse first = browser.send(HttpMethod.POST, "/console/api/backups", body, token, key);
            assertEquals(201, first.getStatusCode(), first.getContentAsString());
            WebResponse again = browser.send(HttpMethod.POST, "/console/api/backups", body, token, key);
            assertEquals(200, again.getStatusCode(), again.getContentAsString());
            assertEquals(JsonPath.from(first.getContentAsString()).getLong("id"),
                    JsonPath.from(again.getContentAsString()).getLong("id"));
            assertEquals(1, db.count("SELECT count(*) FROM gold_backups WHERE backup_name = 'once'"));
            WebResponse other = browser.send(HttpMethod.POST, "/console/api/backups", body, token,
                    Map.of("Idempotency-Key", "another-key"));
            assertEquals(201, other.getStatusCode(), "a new key is a new backup");
            assertEquals(2, db.count("SELECT count(*) FROM gold_backups WHERE backup_name = 'once'"));
            HtmlPage create = browser.page("/console/create");
            assertTrue(create.getElementById("create-form").hasAttribute("novalidate"));
        }
    }

    @Test
    void theAuditPageFiltersShowsParametersAsAListAndExportsWhatItShows() {
        long id = backupViaApi();
        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200);
        try (ConsoleBrowser browser = operator()) {
            HtmlPage page = browser.page("/console/audit?action=backup.create&target=backup/" + id);
            List<?> rows = page.querySelectorAll("#audit-events tbody tr");
            assertEquals(1, rows.size(), page.asNormalizedText());
            DomElement row = (DomElement) rows.get(0);
            DomElement who = row.querySelector(".who-name");
            assertTrue(who.getAttribute("title").contains("subject ") && who.getAttribute("title").contains("roles "),
                    who.getAttribute("title"));
            assertFalse(row.asNormalizedText().contains("backup-operator"), "roles only on hover");
            List<String> pairs = row.querySelectorAll("dl.params div").stream()
                    .map(d -> d.asNormalizedText().replace('\n', ' '))
                    .toList();
            assertTrue(pairs.contains("backupType manual") && pairs.contains("notes –"), pairs.toString());
            assertFalse(row.asNormalizedText().contains("{backupType="), "not a Java map's text");
            HtmlAnchor csv = (HtmlAnchor) page.getElementById("audit-export-csv");
            assertTrue(csv.getHrefAttribute().contains("action=backup.create"), csv.getHrefAttribute());
            WebResponse export = browser.fetch(csv.getHrefAttribute());
            assertEquals(200, export.getStatusCode());
            String[] lines = export.getContentAsString().split("\r\n");
            assertEquals(2, lines.length, export.getContentAsString());
            assertTrue(lines[1].contains("\"backup/" + id + "\""), lines[1]);

            WebResponse wrong = browser.fetch("/console/audit?outcome=maybe");
            assertEquals(400, wrong.getStatusCode());
            assertTrue(wrong.getContentAsString().contains("id=\"audit-filter-error\""));
            WebResponse wrongExport = browser.fetch("/console/audit/export?format=csv&from=soon");
            assertEquals(400, wrongExport.getStatusCode());
            assertTrue(wrongExport.getContentType().startsWith("application/problem+json"));
            assertEquals("from", JsonPath.from(wrongExport.getContentAsString()).getString("violations[0].field"));
        }
    }
}
