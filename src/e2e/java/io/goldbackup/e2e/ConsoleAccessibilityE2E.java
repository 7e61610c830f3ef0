package io.goldbackup.e2e;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import io.goldbackup.gamestate.GameStateSeeder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every console page, as an admin and as a viewer, through axe-core: no serious or critical violation (the failure
 * names each rule, its nodes and the page). Pages are checked as an operator uses them: the restore page with a dry
 * run's plan shown, the cleanup page with its dry-run report, a wallet lookup with a result, the drills page with a
 * drill. On the way each page's
 * load is timed (the suite's small data set) into target/console-timings.md; with {@code -De2e.readme-screenshots=true}
 * the README's pictures are taken here.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(ServiceResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAccessibilityE2E {

    private static final long WALLET_NUMBER = 7_300_001;
    private static final String WALLET = GameStateSeeder.demoAddress(WALLET_NUMBER);
    private static long backupId;
    private static final PageTimings TIMINGS = new PageTimings("Console page loads, e2e data set");

    @TestHTTPResource("/console")
    URL console;

    /** Once, when the service is up (a static {@code @BeforeAll} would run before it starts). */
    @BeforeEach
    void aBackupToLookAt() {
        if (backupId != 0) {
            return;
        }
        String in = "'" + WALLET + "'";
        E2eDatabase.game("DELETE FROM owned_meks WHERE wallet_address = " + in);
        E2eDatabase.game("DELETE FROM players WHERE wallet_address = " + in);
        E2eDatabase.game("DELETE FROM gold_mining WHERE wallet_address = " + in);
        GameStateSeeder.seed(E2eDatabase.game(), WALLET_NUMBER, 1, 8);
        backupId = given().auth().oauth2(Keycloak.password("ada")).contentType(ContentType.JSON)
                .body(Map.of("backupType", "manual", "backupName", "accessibility e2e")).post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        // A drill, so the drills page has a row (invariants, recovery time) to check.
        given().auth().oauth2(Keycloak.password("otto")).contentType(ContentType.JSON)
                .body(Map.of("backupId", backupId, "source", "database")).post("/api/v1/drills")
                .then().statusCode(201);
    }

    @AfterAll
    static void report() throws Exception {
        long wallets = ((Number) E2eDatabase.single("SELECT count(*) FROM gold_mining")).longValue();
        long backups = ((Number) E2eDatabase.single("SELECT count(*) FROM gold_backups")).longValue();
        TIMINGS.write(Path.of("target", "console-timings.md"), String.format(
                "One load each, as the accessibility walk opened the page: %,d live wallets, %,d backups (the e2e"
                        + " suite's small data set). The figures at 1,000,000 wallets come from ConsoleScaleE2E"
                        + " (-De2e.console-scale=true): target/console-timings-1m.md.",
                wallets, backups));
    }

    @Test
    @Order(1)
    void everyPageIsAccessibleToAnAdmin() throws Exception {
        List<String> findings = new ArrayList<>();
        try (ConsoleBrowser browser = ConsoleBrowser.start(console.toString())) {
            browser.signIn("ada");
            findings.addAll(check(browser, "admin", "dashboard", "", By.id("system-status")));
            browser.readmeScreenshot("dashboard", null);
            findings.addAll(check(browser, "admin", "backups", "/backups", By.id("backup-list")));
            findings.addAll(check(browser, "admin", "backup detail", "/backup?id=" + backupId,
                    By.id("top-wallets")));
            findings.addAll(check(browser, "admin", "create", "/create", By.id("backup-type")));

            // The incident the plan is for: the wallet lost its gold since the backup.
            E2eDatabase.game("UPDATE gold_mining SET accumulated_gold = 1, last_snapshot_time = now()"
                    + " WHERE wallet_address = '" + WALLET + "'");
            open(browser, "admin", "restore", "/restore?backupId=" + backupId, By.id("restore-form"));
            browser.driver().findElement(By.id("restore-wallets")).sendKeys(WALLET);
            browser.driver().findElement(By.id("dry-run")).click();
            browser.waitFor(By.id("plan-summary"));
            browser.waitFor(By.id("confirmation-code"));
            findings.addAll(Axe.violations(browser.driver(), "restore with a plan (admin)"));
            browser.readmeScreenshot("restore-plan", browser.driver().findElement(By.id("restore-plan")));

            open(browser, "admin", "cleanup", "/cleanup", By.id("cleanup-form"));
            browser.driver().findElement(By.id("cleanup-dry-run")).click();
            browser.waitFor(By.id("cleanup-report-body"));
            findings.addAll(Axe.violations(browser.driver(), "cleanup with a dry-run report (admin)"));

            findings.addAll(check(browser, "admin", "wallet lookup", "/wallet?address=" + WALLET,
                    By.id("wallet-history")));
            findings.addAll(check(browser, "admin", "audit", "/audit", By.id("audit-events")));
            browser.readmeScreenshot("audit", null);
            findings.addAll(check(browser, "admin", "off-site", "/offsite", By.cssSelector("main h1")));
            findings.addAll(check(browser, "admin", "drills", "/drills", By.id("drill-list")));
        }
        assertTrue(findings.isEmpty(), "axe-core found serious or critical violations:\n" + String.join("\n",
                findings));
    }

    @Test
    @Order(2)
    void everyPageIsAccessibleToAViewer() throws Exception {
        List<String> findings = new ArrayList<>();
        try (ConsoleBrowser browser = ConsoleBrowser.start(console.toString())) {
            browser.signIn("vera");
            findings.addAll(check(browser, "viewer", "dashboard", "", By.id("system-status")));
            findings.addAll(check(browser, "viewer", "backups", "/backups", By.id("backup-list")));
            findings.addAll(check(browser, "viewer", "backup detail", "/backup?id=" + backupId,
                    By.id("top-wallets")));
            findings.addAll(check(browser, "viewer", "restore", "/restore?backupId=" + backupId,
                    By.id("restore-log")));
            findings.addAll(check(browser, "viewer", "cleanup", "/cleanup", By.id("retention-policy")));
            findings.addAll(check(browser, "viewer", "wallet lookup", "/wallet?address=" + WALLET,
                    By.id("wallet-history")));
            findings.addAll(check(browser, "viewer", "drills", "/drills", By.id("drill-list")));
            // Create is readable with its notice at the top; the audit trail answers with the console's error page, which
            // too must be usable.
            findings.addAll(check(browser, "viewer", "create (read only)", "/create", By.id("read-only")));
            findings.addAll(check(browser, "viewer", "audit (refused)", "/audit", By.id("error-title")));
        }
        assertTrue(findings.isEmpty(), "axe-core found serious or critical violations:\n" + String.join("\n",
                findings));
    }

    private static List<String> check(ConsoleBrowser browser, String role, String label, String page, By ready) {
        open(browser, role, label, page, ready);
        return Axe.violations(browser.driver(), label + " (" + role + ")");
    }

    private static void open(ConsoleBrowser browser, String role, String label, String page, By ready) {
        browser.open(page);
        browser.waitFor(ready);
        TIMINGS.record(browser.driver(), label + " (" + role + ")", page);
    }
}
