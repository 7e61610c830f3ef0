package io.goldbackup.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.S3ProxyResource;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's off-site views against a real object store (s3proxy, the target {@value S3ProxyResource#TARGET}):
 * a backup's copies on its page and Copy now, the admin's bucket listing and an import from it, signed in as a
 * person through the test OIDC server, with the requests the page scripts send. What they change is read back from
 * PostgreSQL. The bucket is shared with the other tests of this profile, so rows are found by their uuid.
 */
@QuarkusTest
@TestProfile(S3ProxyResource.Profile.class)
class ConsoleOffsiteTest extends ConsoleFixture {

    private static final String TARGET = S3ProxyResource.TARGET;

    @BeforeEach
    void seed() {
        db.execute("DELETE FROM offsite_copies");
        db.seed(1, 30);
    }

    /** Polls the API, as an operator would, until the backup's copy to the target has completed. */
    private static void awaitCopied(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonPath copies = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id + "/copies").then()
                    .statusCode(200).extract().jsonPath();
            if ("completed".equals(copies.getString("find { it.target == '" + TARGET + "' }.status"))) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "never copied: " + copies.prettify());
            Thread.sleep(100);
        }
    }

    private String uuidOf(long id) {
        return (String) db.single("SELECT uuid::text FROM gold_backups WHERE id = ?", id);
    }

    private long copyRows(long id) {
        return db.count("SELECT count(*) FROM offsite_copies WHERE backup_id = ?", id);
    }

    private static void assertNoInlineCode(HtmlPage page, String script) {
        String html = page.getWebResponse().getContentAsString();
        assertFalse(html.contains(" style="), page.getUrl() + " has an inline style");
        assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), page.getUrl() + " has an inline event handler");
        assertEquals(List.of("/console/assets/" + script + ".js"), page.querySelectorAll("script").stream()
                .map(node -> ((DomElement) node).getAttribute("src")).toList());
    }

    @Test
    void theBackupPageShowsTheCompletedCopyAndAnOperatorsCopyNowRefreshesTheTable() throws Exception {
        long id = backupViaApi();
        awaitCopied(id);
        try (ConsoleBrowser viewer = viewer()) {
            HtmlPage page = viewer.page("/console/backup?id=" + id);
            DomElement row = page.getElementById("copy-" + TARGET);
            assertNotNull(row, page.asNormalizedText());
            assertEquals("completed", row.querySelector(".tag").getTextContent());
            assertEquals(db.single("SELECT key_id FROM offsite_copies WHERE backup_id = ?", id),
                    row.querySelector("code").getTextContent());
            assertNull(page.getElementById("offsite-off"));
            assertNull(page.getElementById("copy-now"), "a viewer is offered no copy");
        }

        // The copy's record is lost (the bucket still holds the object): copy now writes it again.
        db.update("DELETE FROM offsite_copies WHERE backup_id = ?", id);
        String path = "/console/fragments/backups/" + id + "/copies";
        try (ConsoleBrowser viewer = viewer()) {
            WebResponse refused = viewer.fragment(HttpMethod.POST, path, null, viewer.csrfCookie());
            assertEquals(403, refused.getStatusCode());
            assertEquals(0, copyRows(id), "a refused copy wrote nothing");
        }
        try (ConsoleBrowser operator = operator()) {
            HtmlPage page = operator.page("/console/backup?id=" + id);
            assertNotNull(page.getElementById("copies-none"));
            DomElement form = page.getElementById("copy-form");
            assertNotNull(page.getElementById("copy-now"));
            assertEquals(String.valueOf(id), form.getAttribute("data-backup-id"));
            assertNoInlineCode(page, "backup");
            String token = ((HtmlInput) form.querySelector("input[name=csrf-token]")).getValue();

            // Without the token: HtmlUnit sends a bodyless POST as a form, whose missing token field is a 400.
            assertEquals(400, operator.fragment(HttpMethod.POST, path, null, null).getStatusCode());
            assertEquals(0, copyRows(id), "no CSRF token, no copy");
            WebResponse copied = operator.fragment(HttpMethod.POST, path, null, token);
            assertEquals(200, copied.getStatusCode(), copied.getContentAsString());
            assertTrue(copied.getContentType().startsWith("text/html"), copied.getContentType());
            String html = copied.getContentAsString();
            assertTrue(html.contains("<tr id=\"copy-" + TARGET + "\">")
                    && html.contains("<span class=\"tag tag-completed\">completed</span>"), html);
            assertEquals("completed", db.single("SELECT status FROM offsite_copies WHERE backup_id = ? AND target = ?",
                    id, TARGET));
            assertEquals(1L, db.count("SELECT attempts FROM offsite_copies WHERE backup_id = ?", id));
            assertEquals(1L, db.count("""
                    SELECT count(*) FROM audit_events
                    WHERE action = 'backup.copy' AND actor = 'console-operator' AND outcome = 'succeeded'
                    """));
        }
    }

    @Test
    void theAdminsListingShowsACopyAsKnownHereThenNotAndItsImportBringsItBack() throws Exception {
        long id = backupViaApi();
        awaitCopied(id);
        String uuid = uuidOf(id);
        String rowId = "remote-" + TARGET + "-" + uuid;
        try (ConsoleBrowser admin = admin()) {
            HtmlPage listing = admin.page("/console/offsite");
            assertNotNull(listing.getElementById("nav-offsite"));
            DomElement row = listing.getElementById(rowId);
            assertNotNull(row, listing.asNormalizedText());
            assertEquals("yes", row.querySelector(".known").getTextContent());
            assertEquals("yes", row.querySelector(".verified").getTextContent());
            assertTrue(row.asNormalizedText().contains("#" + id), row.asNormalizedText());
            assertNull(row.querySelector("form"), "a copy known here offers no import");
            assertNoInlineCode(listing, "offsite");

            // The database loses the backup; the bucket still has it.
            given().auth().oauth2(Tokens.admin())
                    .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                    .statusCode(204);
            listing = admin.page("/console/offsite");
            row = listing.getElementById(rowId);
            assertEquals("no", row.querySelector(".known").getTextContent());
            assertNotNull(listing.getElementById("import-" + TARGET + "-" + uuid));
            DomElement form = row.querySelector("form.import-form");
            String token = ((HtmlInput) form.querySelector("input[name=csrf-token]")).getValue();
            String url = "/console/api/offsite/" + form.getAttribute("data-target") + "/imports";
            String body = "{\"uuid\":\"" + form.getAttribute("data-uuid") + "\"}";

            WebResponse imported = admin.send(HttpMethod.POST, url, body, token);
            assertEquals(201, imported.getStatusCode(), imported.getContentAsString());
            long newId = JsonPath.from(imported.getContentAsString()).getLong("id");
            assertEquals(1L, db.count("""
                    SELECT count(*) FROM gold_backups
                    WHERE id = ? AND uuid = ? AND status = 'completed' AND imported_from_target = ?
                      AND imported_original_id = ?
                    """, newId, UUID.fromString(uuid), TARGET, id));
            assertEquals(30L, db.count("SELECT count(*) FROM gold_backup_wallets WHERE backup_id = ?", newId));
            assertEquals(1L, db.count("""
                    SELECT count(*) FROM audit_events
                    WHERE action = 'offsite.import' AND actor = 'console-admin' AND outcome = 'succeeded'
                    """));

            row = admin.page("/console/offsite").getElementById(rowId);
            assertEquals("yes", row.querySelector(".known").getTextContent());
            HtmlPage backup = admin.page("/console/backup?id=" + newId);
            String from = backup.getElementById("backup-imported-from").asNormalizedText();
            assertTrue(from.contains(TARGET) && from.contains("#" + id), from);
            assertEquals("completed", backup.getElementById("copy-" + TARGET).querySelector(".tag").getTextContent());

            // A second import is refused with a detail that names the copy; nothing is added.
            WebResponse again = admin.send(HttpMethod.POST, url, body, token);
            assertEquals(409, again.getStatusCode());
            assertEquals("application/problem+json", again.getContentType());
            String detail = JsonPath.from(again.getContentAsString()).getString("detail");
            assertTrue(detail.contains(uuid) && detail.contains("already known here"), detail);
            assertEquals(1L, db.count("SELECT count(*) FROM gold_backups WHERE uuid = ?", UUID.fromString(uuid)));
        }
    }

    @Test
    void onlyAnAdminSeesTheListingOrImports() throws Exception {
        long id = backupViaApi();
        awaitCopied(id);
        String body = "{\"uuid\":\"" + uuidOf(id) + "\"}";
        given().auth().oauth2(Tokens.admin())
                .delete("/api/v1/backups/" + id + "?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED").then()
                .statusCode(204);
        for (Supplier<ConsoleBrowser> signIn : List.<Supplier<ConsoleBrowser>>of(this::viewer, this::operator)) {
            try (ConsoleBrowser browser = signIn.get()) {
                assertNull(browser.page("/console").getElementById("nav-offsite"));
                WebResponse page = browser.fetch("/console/offsite");
                assertEquals(403, page.getStatusCode());
                assertTrue(page.getContentAsString().contains("<h1 id=\"error-title\">Not allowed</h1>"),
                        page.getContentAsString());
                WebResponse refused = browser.send(HttpMethod.POST, "/console/api/offsite/" + TARGET + "/imports",
                        body, browser.csrfCookie());
                assertEquals(403, refused.getStatusCode());
            }
        }
        assertEquals(0L, db.count("SELECT count(*) FROM gold_backups"), "nothing imported");
    }

    @Test
    void anImportOfAnUnknownTargetOrWithoutAUuidIsRefused() {
        try (ConsoleBrowser admin = admin()) {
            String token = admin.csrfCookie();
            WebResponse unknown = admin.send(HttpMethod.POST, "/console/api/offsite/nowhere/imports",
                    "{\"uuid\":\"" + UUID.randomUUID() + "\"}", token);
            assertEquals(404, unknown.getStatusCode());
            WebResponse missing = admin.send(HttpMethod.POST, "/console/api/offsite/" + TARGET + "/imports", "{}",
                    token);
            assertEquals(400, missing.getStatusCode());
            assertEquals("uuid", JsonPath.from(missing.getContentAsString()).getString("violations[0].field"));
            WebResponse notAUuid = admin.send(HttpMethod.POST, "/console/api/offsite/" + TARGET + "/imports",
                    "{\"uuid\":\"abc\"}", token);
            assertEquals(400, notAUuid.getStatusCode());
        }
    }
}
