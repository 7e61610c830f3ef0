package io.goldbackup.e2e;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.goldbackup.gamestate.GameStateSeeder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The restore flow with the keyboard alone: from the restore page, Tab, Shift+Tab, Enter, Space and typing (keys sent
 * to whatever has the focus; nothing is clicked) choose a backup, run the dry run, read the plan, confirm and restore.
 * Every control the focus lands on shows it (the console's :focus-visible outline). The wallet's gold is read back.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(ServiceResource.class)
class ConsoleKeyboardE2E {

    private static final long WALLET_NUMBER = 7_400_001;
    private static final String WALLET = GameStateSeeder.demoAddress(WALLET_NUMBER);
    /** More Tab presses than any page of the console needs between two controls. */
    private static final int MAX_TABS = 60;

    @TestHTTPResource("/console")
    URL console;

    @Test
    void anAdminRestoresAWalletWithTheKeyboardAlone() throws Exception {
        String in = "'" + WALLET + "'";
        E2eDatabase.game("DELETE FROM owned_meks WHERE wallet_address = " + in);
        E2eDatabase.game("DELETE FROM players WHERE wallet_address = " + in);
        E2eDatabase.game("DELETE FROM gold_mining WHERE wallet_address = " + in);
        GameStateSeeder.seed(E2eDatabase.game(), WALLET_NUMBER, 1, 3);
        long backupId = given().auth().oauth2(Keycloak.password("ada")).contentType(ContentType.JSON)
                .body(Map.of("backupType", "manual", "backupName", "keyboard e2e")).post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        E2eDatabase.game("UPDATE gold_mining SET accumulated_gold = 2, last_snapshot_time = now()"
                + " WHERE wallet_address = " + in);

        try (ConsoleBrowser browser = ConsoleBrowser.start(console.toString())) {
            WebDriver driver = browser.driver();
            browser.signIn("ada");
            browser.open("/restore");
            browser.waitFor(By.id("restore-form"));
            assertFocusVisibleRule(driver);

            // The skip link first, then the form.
            press(driver, Keys.TAB);
            assertEquals("skip-link", focused(driver, "class"), "the first Tab stop is the skip link");
            press(driver, Keys.ENTER);
            tabTo(driver, "restore-backup");
            // A closed select picks the option whose text starts with what is typed: "#<id> <name>".
            type(driver, "#" + backupId);
            assertEquals(Long.toString(backupId), focused(driver, "value"), "typing chose the backup");

            tabTo(driver, "restore-wallets");
            type(driver, WALLET);
            tabTo(driver, "dry-run");
            // Back and forth: Shift+Tab returns to the previous control, Tab comes back.
            press(driver, Keys.chord(Keys.SHIFT, Keys.TAB));
            assertNotEquals("dry-run", focused(driver, "id"));
            tabTo(driver, "dry-run");
            press(driver, Keys.ENTER);

            browser.waitFor(By.id("plan-summary"));
            String plan = driver.findElement(By.id("restore-plan")).getText();
            assertTrue(plan.contains(WALLET) && plan.contains("1 would change"), plan);
            assertEquals(2.0, gold(), 1e-9, "a dry run changes nothing");

            tabTo(driver, "confirmation-code");
            // The danger zone asks for the backup's name, shown beside the field.
            type(driver, driver.findElement(By.id("confirm-name")).getText());
            tabTo(driver, "restore");
            press(driver, Keys.SPACE);

            String outcome = browser.waitFor(By.id("restore-outcome")).getText();
            assertTrue(outcome.contains("completed"), outcome);
            double backedUp = ((Number) E2eDatabase.single("SELECT current_gold FROM gold_backup_wallets"
                    + " WHERE backup_id = " + backupId + " AND wallet_address = " + in)).doubleValue();
            assertEquals(backedUp, gold(), 1e-9, "the wallet has the backup's gold again");
            browser.screenshot("keyboard-restore-done");
        }
    }

    private static void press(WebDriver driver, CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    /** Types into whatever has the focus. */
    private static void type(WebDriver driver, String text) {
        new Actions(driver).sendKeys(text).perform();
    }

    /**
     * Presses Tab until the control {@code id} has the focus, and checks that the focus shows there; fails naming
     * the stops it passed if the control is never reached.
     */
    private static void tabTo(WebDriver driver, String id) {
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < MAX_TABS && !id.equals(focused(driver, "id")); i++) {
            press(driver, Keys.TAB);
            stops.add(describeFocus(driver));
        }
        assertEquals(id, focused(driver, "id"), "Tab never reached #" + id + "; it passed " + stops);
        assertFocusVisible(driver);
    }

    private static String focused(WebDriver driver, String property) {
        Object value = ((JavascriptExecutor) driver).executeScript("""
                const e = document.activeElement;
                return e ? (arguments[0] === 'class' ? e.className : e[arguments[0]]) : null;
                """, property);
        return value == null ? null : value.toString();
    }

    private static String describeFocus(WebDriver driver) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "const e = document.activeElement; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                        + " + (e.textContent ? ' \"' + e.textContent.trim().slice(0, 30) + '\"' : '');"));
    }

    /** The focused control draws an outline (the console's :focus-visible rule), not the browser's faint default. */
    private static void assertFocusVisible(WebDriver driver) {
        Object outline = ((JavascriptExecutor) driver).executeScript("""
                const s = getComputedStyle(document.activeElement);
                return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2 ? null
                    : s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor;
                """);
        assertNotEquals(null, outline, "no visible focus on " + describeFocus(driver));
    }

    /** The outline comes from a :focus-visible rule, so the keyboard's focus shows and a pointer's stays quiet. */
    private static void assertFocusVisibleRule(WebDriver driver) {
        Object rules = ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.styleSheets).flatMap(s => Array.from(s.cssRules))
                    .map(r => r.selectorText || '').filter(t => t.includes(':focus-visible')).join(' ');
                """);
        assertTrue(String.valueOf(rules).contains("button:focus-visible"), "no :focus-visible rule: " + rules);
    }

    private static double gold() {
        Object value = E2eDatabase.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = '"
                + WALLET + "'");
        assertNotEquals(null, value);
        return ((Number) value).doubleValue();
    }
}
