package io.goldbackup.e2e;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.goldbackup.db.AdvisoryLock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console as a live status board, in headless Chromium through Keycloak's login page: an action long after the
 * sign-in's tokens expired (the console's client gives tokens of 10 s in this suite), an operation started elsewhere
 * shown on every page within seconds, the page asking to sign in again once Keycloak's session has ended, and the
 * layout at 1440x900 and 390 px wide. Screenshots go to target/screenshots beside ConsoleBrowserE2E's.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(ServiceResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLiveBrowserE2E {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static WebDriver browser;
    private static Path screenshots;

    @TestHTTPResource("/console")
    URL console;

    @TestHTTPResource("/api/v1/backups")
    URL backups;

    @BeforeEach
    void startBrowser() throws Exception {
        screenshots = Files.createDirectories(Path.of(System.getProperty("e2e.screenshots", "target/screenshots")));
        browser = ConsoleBrowser.chrome();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * The console's client gives tokens of 10 s here: an action long after they expired works (the console renews
     * them with the refresh-token grant), and only when the provider's session has ended does the page say to sign in
     * again.
     */
    @Test
    @Order(1)
    void anActionWorksPastTheTokensLifespanUntilTheProvidersSessionEnds() throws Exception {
        long newest = backup();
        signIn("otto");
        Instant signedIn = Instant.now();
        open("/backup?id=" + newest);
        waitFor(By.id("verify-backup"));
        sleepUntil(signedIn.plus(Keycloak.CONSOLE_TOKEN_LIFESPAN).plusSeconds(5));
        browser.findElement(By.id("verify-backup")).click();
        WebElement verified = waitFor(By.id("verify-outcome"));
        assertTrue(verified.getText().startsWith("OK"), verified.getText());

        // An operation started elsewhere (a drill registered as another replica registers one, holding its lock so
        // that recovery leaves it running) shows in the "running now" strip of every page within a few seconds.
        try (Connection replica = E2eDatabase.dataSource().getConnection();
                Statement sql = replica.createStatement()) {
            long drill;
            try (ResultSet row = sql.executeQuery("INSERT INTO drills (backup_id, source, status, started_at,"
                    + " triggered_by, actor_name) VALUES (" + newest + ", 'database', 'running', now(), 'e2e',"
                    + " 'another admin') RETURNING id")) {
                row.next();
                drill = row.getLong(1);
            }
            sql.execute("SELECT pg_advisory_lock(" + AdvisoryLock.DRILL.namespace() + ", " + drill + ")");
            for (String page : new String[] { "", "/backups", "/wallet", "/drills", "/backup?id=" + newest }) {
                open(page);
                WebElement running = new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                        ExpectedConditions.visibilityOfElementLocated(By.id("running-drill-" + drill)));
                assertTrue(running.getText().contains("another admin"), running.getText());
                if (page.isEmpty()) {
                    screenshot("13-running-now");
                }
            }
            sql.execute("UPDATE drills SET status = 'failed', finished_at = now(), error = 'e2e: no real drill'"
                    + " WHERE id = " + drill);
        }

        // The provider's session ends (signed out at Keycloak in another tab); the console's page stays open.
        String consoleTab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(Keycloak.realmUrl() + "/protocol/openid-connect/logout");
        WebElement logout = waitFor(By.cssSelector("#kc-logout, input[name=confirmLogout]"));
        logout.click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.stalenessOf(logout));
        browser.close();
        browser.switchTo().window(consoleTab);
        Instant ended = Instant.now();
        sleepUntil(ended.plus(Keycloak.CONSOLE_TOKEN_LIFESPAN).plusSeconds(5));
        browser.findElement(By.id("verify-backup")).click();
        waitFor(By.cssSelector("#verify-result [role=alert]"));
        String refused = browser.findElement(By.id("verify-result")).getText();
        // The 499 path: "Session ended ... Reload the page to sign in again."
        assertTrue(refused.contains("Reload the page") && refused.contains("sign"), refused);
        assertFalse(refused.contains("null"), refused);
        screenshot("14-session-ended");
    }

    /**
     * The dashboard fits one 1440x900 screen; at 390 px wide a page does not scroll sideways (its tables do, each in
     * its box).
     */
    @Test
    @Order(2)
    void theDashboardFitsOneScreenAndAPhoneScrollsOnlyTables() throws Exception {
        signIn("vera");
        browser.manage().window().setSize(new Dimension(1440, 900));
        open("");
        waitFor(By.id("backup-chart"));
        screenshot("15-dashboard-1440x900");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        long viewport = ((Number) js.executeScript("return window.innerHeight")).longValue();
        assertTrue(height <= viewport, "the dashboard is " + height + " px high in a " + viewport + " px window");
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String page : new String[] { "", "/backups", "/restore" }) {
            open(page);
            waitFor(By.id("current-user"));
            long width = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
            assertTrue(width <= inner, "console" + page + " is " + width + " px wide in a " + inner + " px window");
        }
        screenshot("16-restore-390");
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** A completed backup taken through the API; its id. */
    private long backup() {
        return given().auth().oauth2(Keycloak.password("otto")).contentType("application/json")
                .body("{\"backupType\":\"manual\",\"backupName\":\"live board e2e\"}").post(backups).then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private void signIn(String user) {
        browser.get(console.toString());
        waitFor(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-password");
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, PATIENCE).until(d -> d.getCurrentUrl().startsWith(console.toString()));
        assertEquals(user, waitFor(By.id("current-user")).getText().trim());
    }

    private void open(String page) {
        browser.get(console + page);
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
