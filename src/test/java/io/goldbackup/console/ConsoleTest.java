package io.goldbackup.console;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console, signed in as a person would: through the provider's login page and the authorization-code
 * flow (the test OIDC server), with the session cookie and the CSRF token of the pages.
 */
@QuarkusTest
class ConsoleTest extends ConsoleFixture {

    /** The controls that change state, by the ids the pages give them. */
    private static final List<String> MUTATING = List.of("create-backup", "verify-backup", "delete-backup", "dry-run",
            "restore", "confirmation-code", "cleanup-dry-run", "cleanup-execute", "copy-now", "delete-confirm",
            "cleanup-confirmation-code");

    private static void assertNoneOf(HtmlPage page, List<String> ids) {
        for (String id : ids) {
            assertNull(page.getElementById(id), page.getUrl() + " must not render #" + id);
        }
    }

    @Test
    void anUnauthenticatedConsoleRequestGoesToTheProviderWhileTheApiStays401() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", containsString("/auth/realms/quarkus"))
                .header("Location", containsString("response_type=code"));
        given().redirects().follow(false).get("/console/backups").then().statusCode(302);
        given().redirects().follow(false).get("/api/v1/backups").then().statusCode(401)
                .header("Location", nullValue());
        given().redirects().follow(false).contentType("application/json").body("{\"backupType\":\"manual\"}")
                .post("/api/v1/backups").then().statusCode(401).header("Location", nullValue());
        // What the login page and the page after signing out need is open.
        given().get("/console/assets/console.css").then().statusCode(200);
        for (String script : List.of("common", "create", "backup", "backups", "restore", "cleanup", "offsite",
                "dashboard", "live", "times")) {
            // Module scripts run only when served with a JavaScript type.
            given().get("/console/assets/" + script + ".js").then().statusCode(200)
                    .contentType(containsString("javascript"));
        }
        given().get("/console/signed-out").then().statusCode(200).body(containsString("Signed out"));
    }

    @Test
    void theApiIsNotSubjectToTheConsolesCsrfTokenAndGetsNoCookie() {
        long id = backupViaApi();
        given().auth().oauth2(Tokens.operator()).contentType("application/x-www-form-urlencoded")
                .post("/api/v1/backups/" + id + "/verify").then().statusCode(200);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups").then().statusCode(200)
                .header("Set-Cookie", nullValue());
    }

    @Test
    void consolePagesCarryAPolicyWithoutInlineCodeAndHaveNone() {
        backupViaApi();
        try (ConsoleBrowser browser = admin()) {
            for (String path : List.of("/console", "/console/backups", "/console/create", "/console/restore",
                    "/console/cleanup", "/console/audit", "/console/wallet", "/console/offsite", "/console/drills")) {
                HtmlPage page = browser.page(path);
                WebResponse response = page.getWebResponse();
                assertEquals(200, response.getStatusCode(), path);
                String csp = response.getResponseHeaderValue("Content-Security-Policy");
                assertNotNull(csp, path);
                assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'")
                        && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), csp);
                assertEquals("no-store", response.getResponseHeaderValue("Cache-Control"), path);
                String html = response.getContentAsString();
                assertFalse(html.contains(" style="), path + " has an inline style");
                assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), path + " has an inline event handler");
                assertFalse(html.matches("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*"), path + " has an inline script");
                assertFalse(html.matches("(?s).*<style.*"), path + " has an inline style sheet");
                // Every control has a label.
                for (DomNode node : page.querySelectorAll("input:not([type=hidden]), select, textarea")) {
                    String id = ((DomElement) node).getAttribute("id");
                    assertFalse(id.isEmpty(), path + ": a control without an id");
                    assertNotNull(page.querySelector("label[for=" + id + "]"), path + ": #" + id + " has no label");
                }
            }
        }
    }

    @Test
    void aPageLoadsOnlyItsOwnScriptWhichImportsTheSharedOne() {
        long id = backupViaApi();
        try (ConsoleBrowser browser = admin()) {
            // Pages without controls of their own load the live strip's script (live.js) and nothing else.
            Map<String, List<String>> expected = Map.of("/console", List.of("/console/assets/dashboard.js"),
                    "/console/backups", List.of("/console/assets/backups.js"),
                    "/console/wallet", List.of("/console/assets/live.js"),
                    "/console/audit", List.of("/console/assets/live.js"),
                    "/console/create", List.of("/console/assets/create.js"),
                    "/console/backup?id=" + id, List.of("/console/assets/backup.js"),
                    "/console/restore", List.of("/console/assets/restore.js"),
                    "/console/cleanup", List.of("/console/assets/cleanup.js"),
                    "/console/offsite", List.of("/console/assets/offsite.js"));
            expected.forEach((path, scripts) -> assertEquals(scripts, browser.page(path).querySelectorAll("script")
                    .stream().map(node -> ((DomElement) node).getAttribute("src")).toList(), path));
        }
        for (String script : List.of("create", "backup", "backups", "restore", "cleanup", "offsite", "dashboard")) {
            given().get("/console/assets/" + script + ".js").then()
                    .body(containsString("from './common.js';"));
        }
        // The shared module brings the live strip and the times with it, once.
        given().get("/console/assets/common.js").then().body(containsString("import './live.js';"));
    }

    @Test
    void aViewerSeesEveryReadablePageSaysOnceWhatNeedsAnotherRoleAndHasNoControlThatChangesState() {
        long id = backupViaApi();
        try (ConsoleBrowser browser = viewer()) {
            HtmlPage dashboard = browser.page("/console");
            assertEquals("console-viewer-name", dashboard.getElementById("current-user").getTextContent());
            assertEquals("viewer", dashboard.getElementById("current-role").getTextContent());
            assertNotNull(dashboard.getElementById("indicator-recent"));
            assertNotNull(dashboard.getElementById("backup-chart"));
            assertNotNull(dashboard.getElementById("logout"));
            assertNotNull(dashboard.getElementById("nav-create"), "a viewer may read the create page");
            assertNull(dashboard.getElementById("nav-audit"));
            assertNull(dashboard.getElementById("nav-offsite"));
            for (String path : List.of("/console", "/console/backups", "/console/backup?id=" + id,
                    "/console/wallet", "/console/restore", "/console/cleanup", "/console/create")) {
                HtmlPage page = browser.page(path);
                assertEquals(200, page.getWebResponse().getStatusCode(), path);
                assertNoneOf(page, MUTATING);
                // Pages with actions say once, at the top, that they need another role; no empty forms.
                boolean acts = !path.equals("/console") && !path.equals("/console/backups");
                assertEquals(acts ? 1 : 0, page.querySelectorAll("#read-only").size(), path);
                if (acts) {
                    assertTrue(page.getElementById("read-only").getTextContent()
                            .startsWith("You can read this page; actions need the operator"), path);
                }
                assertTrue(page.querySelectorAll("form.console-form").isEmpty(), path + " shows a form");
            }
            assertNotNull(browser.page("/console/create").getElementById("retention-by-type"));
            assertEquals(403, browser.fetch("/console/audit").getStatusCode());
            assertEquals(403, browser.fetch("/console/offsite").getStatusCode());
        }
    }

    @Test
    void anOperatorSeesCreateVerifyAndDryRunsButNotRestoreDeleteOrCleanup() {
        long id = backupViaApi();
        try (ConsoleBrowser browser = operator()) {
            assertNotNull(browser.page("/console/create").getElementById("create-backup"));
            HtmlPage details = browser.page("/console/backup?id=" + id);
            assertNotNull(details.getElementById("verify-backup"));
            assertNull(details.getElementById("delete-backup"));
            assertNull(details.getElementById("delete-confirm"));
            HtmlPage restore = browser.page("/console/restore");
            assertNotNull(restore.getElementById("dry-run"));
            assertNotNull(restore.getElementById("restore-backup"));
            assertNotNull(restore.getElementById("restore-wallets"));
            assertNoneOf(restore, List.of("restore", "confirmation-code"));
            HtmlPage cleanup = browser.page("/console/cleanup");
            assertNotNull(cleanup.getElementById("cleanup-dry-run"));
            assertNull(cleanup.getElementById("cleanup-execute"));
            assertNull(cleanup.getElementById("cleanup-confirmation-code"));
            assertEquals(200, browser.fetch("/console/audit").getStatusCode());
            assertEquals(403, browser.fetch("/console/offsite").getStatusCode(), "the off-site page is an admin's");
        }
    }

    @Test
    void anAdminSeesRestoreDeleteAndCleanup() {
        long id = backupViaApi();
        try (ConsoleBrowser browser = admin()) {
            HtmlPage dashboard = browser.page("/console");
            assertEquals("admin", dashboard.getElementById("current-role").getTextContent());
            assertNotNull(dashboard.getElementById("nav-offsite"));
            HtmlPage details = browser.page("/console/backup?id=" + id);
            assertNotNull(details.getElementById("delete-backup"));
            assertEquals("text", details.getElementById("delete-confirm").getAttribute("type"));
            assertEquals("Type the backup's name, api, to confirm",
                    details.querySelector("label[for=delete-confirm]").getTextContent());
            assertNotNull(details.querySelector("#danger-zone #delete-form"), "the delete is in the danger zone");
            HtmlPage restore = browser.page("/console/restore?backupId=" + id);
            assertNotNull(restore.getElementById("restore"));
            assertNotNull(restore.getElementById("confirmation-code"));
            assertTrue(restore.<org.htmlunit.html.HtmlSelect>getHtmlElementById("restore-backup")
                    .getOptionByValue(String.valueOf(id)).isSelected());
            HtmlPage cleanup = browser.page("/console/cleanup");
            assertNotNull(cleanup.getElementById("cleanup-execute"));
            assertEquals("Type cleanup to confirm",
                    cleanup.querySelector("label[for=cleanup-confirmation-code]").getTextContent());
            assertNotNull(cleanup.querySelector(".danger-zone #cleanup-execute"));
            assertNotNull(restore.querySelector("#restore-danger #confirmation-code"));
        }
    }

    @Test
    void theBackupListSortsFiltersAndPagesOnTheServer() {
        for (int i = 0; i < 27; i++) {
            backupViaApi();
        }
        try (ConsoleBrowser browser = viewer()) {
            HtmlPage first = browser.page("/console/backups");
            assertEquals(25, first.querySelectorAll("#backup-list tbody tr").size());
            assertTrue(first.getElementById("backup-count").getTextContent().contains("27 backup(s)"));
            assertNotNull(first.getElementById("page-next"));
            HtmlPage second = browser.page("/console/backups?page=1");
            assertEquals(2, second.querySelectorAll("#backup-list tbody tr").size());
            assertNotNull(second.getElementById("page-previous"));
            HtmlPage none = browser.page("/console/backups?type=emergency");
            assertTrue(none.getElementById("backup-count").getTextContent().startsWith("0 backup(s)"));
            HtmlPage sorted = browser.page("/console/backups?sort=name&dir=asc&status=completed");
            assertEquals(200, sorted.getWebResponse().getStatusCode());
            assertNotNull(sorted.querySelector("th[aria-sort=ascending]"));
            assertEquals(400, browser.fetch("/console/backups?sort=nonsense").getStatusCode());
        }
    }

    @Test
    void topWalletsAreWholeLinksToTheirHistoryForOperatorsAndAdminsAndMaskedForViewers() throws Exception {
        db.seed(1, 12);
        long id = backupViaApi();
        String top = db.strings("SELECT wallet_address FROM gold_backup_wallets WHERE backup_id = ? "
                + "ORDER BY current_gold DESC, wallet_address LIMIT 1", id).get(0);
        try (ConsoleBrowser viewer = viewer()) {
            HtmlPage page = viewer.page("/console/backup?id=" + id);
            DomElement first = page.getElementById("top-wallet-1");
            assertEquals("code", first.getTagName());
            assertEquals(top.substring(0, 10) + "..." + top.substring(top.length() - 6), first.getTextContent());
            assertNull(page.querySelector("#top-wallets a"), "a viewer's top wallets link nowhere");
            assertFalse(page.getElementById("top-wallets").asNormalizedText().contains(top));
        }
        for (Supplier<ConsoleBrowser> signIn : List.<Supplier<ConsoleBrowser>>of(this::operator, this::admin)) {
            try (ConsoleBrowser browser = signIn.get()) {
                HtmlPage page = browser.page("/console/backup?id=" + id);
                assertEquals(5, page.querySelectorAll("#top-wallets tbody a").size());
                HtmlAnchor first = (HtmlAnchor) page.getElementById("top-wallet-1");
                assertEquals(top, first.getTextContent());
                assertEquals("/console/wallet?address=" + top, first.getHrefAttribute());
                HtmlPage history = first.click();
                assertEquals(top, ((org.htmlunit.html.HtmlInput) history.getElementById("wallet-address"))
                        .getValue());
                assertEquals(1, history.querySelectorAll("#wallet-history tbody tr").size());
            }
        }
    }

    @Test
    void theWalletLookupShowsOneWalletsHistoryAndRefusesANonAddress() {
        db.seed(1, 5);
        backupViaApi();
        String address = db.strings("SELECT wallet_address FROM gold_mining ORDER BY wallet_address LIMIT 1").get(0);
        try (ConsoleBrowser browser = viewer()) {
            HtmlPage history = browser.page("/console/wallet?address=" + address);
            assertEquals(1, history.querySelectorAll("#wallet-history tbody tr").size());
            HtmlPage wrong = browser.page("/console/wallet?address=stake1nonsense");
            assertNotNull(wrong.getElementById("wallet-address-error"));
        }
    }

    @Test
    void theCleanupPageShowsTheStorageTheDashboardShows() {
        db.seed(1, 5);
        backupViaApi();
        try (ConsoleBrowser browser = viewer()) {
            HtmlPage dashboard = browser.page("/console");
            HtmlPage cleanup = browser.page("/console/cleanup");
            assertEquals(dashboard.getElementById("storage-meter").getAttribute("value"),
                    cleanup.getElementById("storage-meter").getAttribute("value"));
            assertNotEquals("0", cleanup.getElementById("backups-meter").getAttribute("value"));
        }
    }

    @Test
    void withoutAnOffsiteTargetTheBackupAndOffsitePagesSaySoInOneLine() {
        long id = backupViaApi();
        try (ConsoleBrowser browser = admin()) {
            HtmlPage page = browser.page("/console/backup?id=" + id);
            assertTrue(page.getElementById("offsite-off").getTextContent()
                    .startsWith("No off-site target is configured"));
            assertNull(page.getElementById("copy-table"));
            assertNull(page.getElementById("copy-now"), "nothing to copy to");
            assertEquals(db.single("SELECT uuid::text FROM gold_backups WHERE id = ?", id),
                    page.getElementById("backup-uuid").getTextContent());
            HtmlPage offsite = browser.page("/console/offsite");
            assertTrue(offsite.getElementById("offsite-off").getTextContent()
                    .startsWith("No off-site target is configured"));
            assertTrue(offsite.querySelectorAll("table").isEmpty());
        }
    }

    @Test
    void signingOutGoesToTheProvidersEndSession() {
        try (ConsoleBrowser browser = viewer()) {
            WebResponse logout = browser.fetch("/console/logout");
            assertEquals(302, logout.getStatusCode());
            String location = logout.getResponseHeaderValue("Location");
            assertTrue(location.contains("end-session") && location.contains("signed-out"), location);
        }
        given().redirects().follow(false).get("/console/logout").then().statusCode(302)
                .header("Location", startsWith("http"));
    }

    @Test
    void aRestoresSafetySnapshotCarriesItsBadgeAndIsLeftOutOfTheChart() {
        db.seed(1, 10);
        long id = backupViaApi();
        long safety = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"backupId\":" + id + ",\"targetWallets\":[\"" + io.goldbackup.gamestate.GameStateSeeder
                        .demoAddress(2)
                        + "\"],\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then().statusCode(200).extract().jsonPath().getLong("safetyBackupId");
        try (ConsoleBrowser viewer = viewer()) {
            HtmlPage page = viewer.page("/console/backup?id=" + safety);
            assertNotNull(page.getElementById("safety-badge"), "the safety snapshot says what it is");
            assertNull(viewer.page("/console/backup?id=" + id).getElementById("safety-badge"));
            assertTrue(viewer.page("/console/backups").asNormalizedText().contains("safety snapshot"));
            // The dashboard's chart draws backups only: the real one, not the safety snapshot.
            String heading = viewer.page("/console").getElementById("chart-heading").asNormalizedText();
            assertTrue(heading.contains("last 1 completed backups"), heading);
        }
    }
}
