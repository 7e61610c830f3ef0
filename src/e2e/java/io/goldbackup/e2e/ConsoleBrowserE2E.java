package io.goldbackup.e2e;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.goldbackup.gamestate.GameStateSeeder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console in headless Chromium (Debian's package), signed in through Keycloak's own login page: an admin
 * creates a backup, previews the restore of one wallet, restores it and undoes the restore, deletes the restore's
 * safety snapshot with its confirmation code, checked in PostgreSQL after each step; a viewer finds no restore
 * control. Each page is saved as a screenshot in target/screenshots.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(ServiceResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserE2E {

    private static final long WALLET_NUMBER = 7_100_001;
    private static final String WALLET = GameStateSeeder.demoAddress(WALLET_NUMBER);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static WebDriver browser;
    private static Path screenshots;

    @TestHTTPResource("/console")
    URL console;

    /** A fresh browser per test: no session of the previous user, at the service or at Keycloak. */
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

    @Test
    @Order(1)
    void anAdminBacksUpPreviewsRestoresAndUndoes() throws Exception {
        String in = "'" + WALLET + "'";
        E2eDatabase.game("DELETE FROM owned_meks WHERE wallet_address = " + in);
        E2eDatabase.game("DELETE FROM players WHERE wallet_address = " + in);
        E2eDatabase.game("DELETE FROM gold_mining WHERE wallet_address = " + in);
        GameStateSeeder.seed(E2eDatabase.game(), WALLET_NUMBER, 1, 3);

        signIn("ada");
        waitFor(By.id("system-status"));
        screenshot("01-dashboard");

        open("/create");
        new Select(browser.findElement(By.id("backup-type"))).selectByValue("manual");
        String name = "browser e2e " + Instant.now();
        browser.findElement(By.id("backup-name")).sendKeys(name);
        browser.findElement(By.id("create-backup")).click();
        WebElement created = waitFor(By.id("create-success"));
        assertTrue(created.getText().contains("completed"), created.getText());
        screenshot("02-create-backup");
        long backupId = ((Number) E2eDatabase.single(
                "SELECT id FROM gold_backups WHERE backup_name = '" + name + "' AND status = 'completed'")).longValue();

        // The incident: the wallet's gold is wrong.
        E2eDatabase.game("UPDATE gold_mining SET accumulated_gold = 1, last_snapshot_time = now()"
                + " WHERE wallet_address = " + in);

        open("/restore");
        new Select(browser.findElement(By.id("restore-backup"))).selectByValue(Long.toString(backupId));
        browser.findElement(By.id("restore-wallets")).sendKeys(WALLET);
        WebElement feedback = browser.findElement(By.id("restore-wallets-feedback"));
        new WebDriverWait(browser, PATIENCE).until(d -> feedback.getText().contains("1"));
        browser.findElement(By.id("dry-run")).click();
        waitFor(By.id("plan-summary"));
        assertTrue(browser.findElement(By.id("restore-plan")).getText().contains(WALLET));
        assertEquals(1.0, gold(), 1e-9, "a dry run changes nothing");
        screenshot("03-restore-dry-run");

        // The wallet changes after the dry run: the restore is refused (409, a problem without field violations),
        // and the error box holds its title and detail only.
        E2eDatabase.game("UPDATE gold_mining SET accumulated_gold = 1.25, last_snapshot_time = now()"
                + " WHERE wallet_address = " + in);
        // The backup's name, as the danger zone asks for it.
        browser.findElement(By.id("confirmation-code")).sendKeys(browser.findElement(By.id("confirm-name")).getText());
        browser.findElement(By.id("restore")).click();
        String refused = waitFor(By.cssSelector("#restore-result [role=alert]")).getText();
        assertFalse(browser.findElement(By.id("restore-result")).getText().contains("null"),
                "the error box reads: " + browser.findElement(By.id("restore-result")).getText());
        assertEquals(1.25, gold(), 1e-9, "a refused restore changes nothing: " + refused);
        browser.findElement(By.id("dry-run")).click();
        // The new plan is in when the button is no longer busy (the old plan stays visible meanwhile).
        new WebDriverWait(browser, PATIENCE).until(d -> "false".equals(d.findElement(By.id("dry-run"))
                .getAttribute("aria-busy")));
        browser.findElement(By.id("confirmation-code")).clear();
        browser.findElement(By.id("confirmation-code")).sendKeys(browser.findElement(By.id("confirm-name")).getText());
        browser.findElement(By.id("restore")).click();
        WebElement outcome = waitFor(By.id("restore-outcome"));
        assertTrue(outcome.getText().contains("completed"), outcome.getText());
        // The wallet's gold as the backup recorded it (the gold it had then; accrual restarts from now).
        assertEquals(backedUpGold(backupId), gold(), 1e-9);
        screenshot("04-restore-done");

        WebElement undo = browser.findElement(By.id("undo"));
        long safetyBackupId = Long.parseLong(undo.getAttribute("href").replaceAll(".*backupId=(\\d+).*", "$1"));
        undo.click();
        waitFor(By.id("undo-notice"));
        browser.findElement(By.id("dry-run")).click();
        waitFor(By.id("plan-summary"));
        screenshot("05-undo-dry-run");
        // The backup's name, as the danger zone asks for it.
        browser.findElement(By.id("confirmation-code")).sendKeys(browser.findElement(By.id("confirm-name")).getText());
        browser.findElement(By.id("restore")).click();
        waitFor(By.id("restore-outcome"));
        assertEquals(backedUpGold(safetyBackupId), gold(), 1e-9, "the undo put back what the restore overwrote");
        assertTrue(gold() < 2, "the gold before the restore was 1.25 plus a few seconds of accrual");
        screenshot("06-undo-done");

        // Deleting a backup (the restore's safety snapshot, used now) asks for its name: a wrong one is refused.
        open("/backup?id=" + safetyBackupId);
        WebElement code = waitFor(By.id("delete-confirm"));
        code.sendKeys("yes");
        browser.findElement(By.id("delete-backup")).click();
        waitFor(By.cssSelector("#delete-result [role=alert]"));
        // The problem's title and detail, and nothing else: no stray "null" where no field list is.
        String refusal = browser.findElement(By.id("delete-result")).getText();
        assertTrue(refusal.contains("confirmName") && refusal.contains("the backup's name"), refusal);
        assertFalse(refusal.contains("null"), "the error box reads: " + refusal);
        assertEquals(1L, ((Number) E2eDatabase.single("SELECT count(*) FROM gold_backups WHERE id = "
                + safetyBackupId)).longValue(), "a wrong name deletes nothing");
        code.clear();
        code.sendKeys(browser.findElement(By.id("delete-name")).getText());
        browser.findElement(By.id("delete-backup")).click();
        waitFor(By.id("delete-outcome"));
        assertEquals(0L, ((Number) E2eDatabase.single("SELECT count(*) FROM gold_backups WHERE id = "
                + safetyBackupId)).longValue());

        open("/backups");
        waitFor(By.id("backup-list"));
        screenshot("07-backups");
        open("/backup?id=" + backupId);
        waitFor(By.id("top-wallets"));
        screenshot("08-backup-details");
        // An admin sees the top wallets' whole addresses, each a link to its history.
        WebElement top = waitFor(By.id("top-wallet-1"));
        String topAddress = top.getText().trim();
        assertTrue(topAddress.startsWith("stake") && !topAddress.contains("..."), topAddress);
        top.click();
        waitFor(By.id("wallet-history"));
        assertEquals(topAddress, browser.findElement(By.id("wallet-address")).getAttribute("value"));
        open("/wallet?address=" + WALLET);
        waitFor(By.id("wallet-history"));
        screenshot("09-wallet-history");
        open("/cleanup");
        waitFor(By.id("retention-policy"));
        screenshot("10-cleanup");
        open("/audit");
        waitFor(By.id("audit-events"));
        assertTrue(browser.findElement(By.id("audit-events")).getText().contains("ada"));
        screenshot("11-audit");

        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, PATIENCE).until(d -> d.getCurrentUrl().contains("/console/signed-out"));
    }

    @Test
    @Order(2)
    void aViewerFindsNoRestoreControl() throws Exception {
        signIn("vera");
        waitFor(By.id("system-status"));
        open("/restore");
        waitFor(By.id("restore-log"));
        for (String control : new String[] { "restore", "confirmation-code", "dry-run", "restore-form" }) {
            assertTrue(browser.findElements(By.id(control)).isEmpty(), "a viewer sees #" + control);
        }
        assertTrue(browser.findElement(By.id("read-only")).getText().startsWith("You can read this page"));
        open("/create");
        waitFor(By.id("read-only"));
        assertTrue(browser.findElements(By.id("create-backup")).isEmpty(), "a viewer sees the create button");
        screenshot("12-viewer-restore");
        browser.findElement(By.id("logout")).click();
    }

    private void signIn(String user) {
        browser.get(console.toString());
        // Keycloak's own login page.
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

    private static double gold() {
        Object value = E2eDatabase.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = '" + WALLET
                + "'");
        assertNotEquals(null, value);
        return ((Number) value).doubleValue();
    }

    private static double backedUpGold(long backupId) {
        return ((Number) E2eDatabase.single("SELECT current_gold FROM gold_backup_wallets WHERE backup_id = "
                + backupId + " AND wallet_address = '" + WALLET + "'")).doubleValue();
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
