package io.goldbackup.console;

import java.util.List;

import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live status board: the "running now" strip every page polls and the dashboard's board, each with an ETag (304
 * while nothing changed), showing operations however they were started (here: rows as another replica, the
 * scheduler or the API would have registered them).
 */
@QuarkusTest
class ConsoleLiveTest extends ConsoleFixture {

    @Test
    void anOperationRunningAnywhereShowsInTheStripWithItsProgressAnd304WhileNothingChanges() {
        long backupId = backupViaApi();
        long restore = ((Number) db.single("""
                INSERT INTO restore_runs (backup_id, dry_run, triggered_by, actor_name, started_at, wallets_total,
                                          wallets_processed)
                VALUES (?, false, 'someone-else', 'grace', now() - interval '2 minutes', 1000, 400) RETURNING id
                """, backupId)).longValue();
        long cleanup = ((Number) db.single("""
                INSERT INTO cleanup_runs (dry_run, triggered_by, started_at) VALUES (true, 'scheduler', now())
                RETURNING id""")).longValue();
        try (ConsoleBrowser browser = viewer()) {
            WebResponse first = browser.fetch("/console/live/activity");
            assertEquals(200, first.getStatusCode());
            String html = first.getContentAsString();
            assertTrue(html.contains("id=\"running-restore-" + restore + "\""), html);
            assertTrue(html.contains("<progress max=\"1000\" value=\"400\""), html);
            assertTrue(html.contains("400 / 1,000") && html.contains("by grace"), html);
            assertTrue(html.contains("id=\"running-cleanup-dry-run-" + cleanup + "\""), html);
            assertTrue(html.contains("data-keys=\"restore-" + restore + " cleanup-dry-run-" + cleanup + "\""), html);
            String tag = first.getResponseHeaderValue("ETag");
            assertNotNull(tag);

            WebResponse same = browser.conditional("/console/live/activity", tag);
            assertEquals(304, same.getStatusCode());
            assertEquals("", same.getContentAsString());

            db.update("UPDATE restore_runs SET wallets_processed = 700 WHERE id = ?", restore);
            WebResponse moved = browser.conditional("/console/live/activity", tag);
            assertEquals(200, moved.getStatusCode());
            assertTrue(moved.getContentAsString().contains("value=\"700\""));
            assertNotEquals(tag, moved.getResponseHeaderValue("ETag"));

            db.update("UPDATE restore_runs SET status = 'completed', finished_at = now() WHERE id = ?", restore);
            db.update("UPDATE cleanup_runs SET status = 'completed', finished_at = now() WHERE id = ?", cleanup);
            String idle = browser.fetch("/console/live/activity").getContentAsString();
            assertTrue(idle.contains("Nothing is running.") && idle.contains("data-keys=\"\""), idle);
        } finally {
            db.update("DELETE FROM cleanup_runs WHERE id = ?", cleanup);
        }
    }

    @Test
    void everyPageCarriesTheStripAndAScriptThatFeedsIt() {
        long id = backupViaApi();
        try (ConsoleBrowser browser = admin()) {
            for (String path : List.of("/console", "/console/backups", "/console/backup?id=" + id, "/console/wallet",
                    "/console/create", "/console/restore", "/console/cleanup", "/console/audit", "/console/drills",
                    "/console/offsite")) {
                HtmlPage page = browser.page(path);
                DomElement strip = page.getElementById("running-now");
                assertNotNull(strip, path);
                assertEquals("/console/live/activity", strip.getAttribute("data-src"), path);
                assertEquals(1, page.querySelectorAll("script[type=module]").size(), path);
            }
            // The dashboard renders what runs on the server too, and says when nothing does.
            assertNotNull(browser.page("/console").getElementById("running-none"));
        }
    }

    @Test
    void theBoardListsTheLatestOutcomesDrawsATimeAxisAndAnswers304WhileUnchanged() {
        long first = backupViaApi();
        long second = backupViaApi();
        try (ConsoleBrowser browser = viewer()) {
            WebResponse board = browser.fetch("/console/live/board");
            assertEquals(200, board.getStatusCode());
            String html = board.getContentAsString();
            for (String id : List.of("indicator-recent", "indicator-storage", "system-status", "latest-outcomes",
                    "outcome-backup-" + first, "outcome-backup-" + second, "backup-chart")) {
                assertTrue(html.contains("id=\"" + id + "\""), id + " in " + html);
            }
            // Bytes in binary units, the threshold too; times as <time> elements with the exact UTC in the title.
            assertTrue(html.contains("warning above 100.0 MiB"), html);
            assertFalse(html.matches("(?s).*\\d (KB|MB|GB)\\b.*"), "decimal units in " + html);
            assertTrue(html
                    .matches("(?s).*<time datetime=\"[^\"]+\" title=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\">"
                            + "just now</time>.*"),
                    html);
            // The time axis: labelled ticks under the drawing, and a legend for both series.
            assertTrue(html.contains("text-anchor=\"middle\"") && html.contains("Wallets (left scale)")
                    && html.contains("Size (right scale)"), html);
            WebResponse same = browser.conditional("/console/live/board", board.getResponseHeaderValue("ETag"));
            assertEquals(304, same.getStatusCode());
        }
    }

    @Test
    void aMalformedIfNoneMatchIsA400NamingTheHeader() {
        try (ConsoleBrowser browser = viewer()) {
            for (String path : List.of("/console/live/activity", "/console/live/board")) {
                WebResponse bad = browser.conditional(path, "not-a-tag");
                assertEquals(400, bad.getStatusCode(), path);
                assertTrue(bad.getContentType().contains("problem+json"), bad.getContentType());
                assertTrue(bad.getContentAsString().contains("\"field\":\"If-None-Match\""),
                        bad.getContentAsString());
            }
            assertEquals(304, browser.conditional("/console/live/activity", "*").getStatusCode());
        }
    }

    @Test
    void theLiveEndpointsNeedASession() {
        try (ConsoleBrowser anonymous = ConsoleBrowser.anonymous(console)) {
            int status = anonymous.fetch("/console/live/activity").getStatusCode();
            assertTrue(status == 499 || status == 302, "answered " + status);
        }
    }
}
