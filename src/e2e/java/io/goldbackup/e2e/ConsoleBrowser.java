package io.goldbackup.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Headless Chromium (Debian's package and driver) on the console of one service: signs in through Keycloak's own
 * login page, opens console pages, waits for elements and saves screenshots. A new one per test, so no session of the
 * previous user survives, at the service or at Keycloak.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofMinutes(3);
    /** The size of the README's screenshots. */
    private static final int README_WIDTH = 1440;
    private static final int README_HEIGHT = 900;

    private final WebDriver driver;
    private final String console;
    private final Path screenshots;

    private ConsoleBrowser(WebDriver driver, String console, Path screenshots) {
        this.driver = driver;
        this.console = console;
        this.screenshots = screenshots;
    }

    /** A browser for the console at {@code console} (the URL of {@code /console}, no trailing slash). */
    static ConsoleBrowser start(String console) throws Exception {
        Path screenshots = Files.createDirectories(
                Path.of(System.getProperty("e2e.screenshots", "target/screenshots")));
        return new ConsoleBrowser(chrome(), console, screenshots);
    }

    /** Headless Chromium as every browser test starts it, with Debian's chromedriver named directly (Selenium Manager
     * would try to download one). */
    static ChromeDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1280,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver")))
                .build();
        return new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    String console() {
        return console;
    }

    /** Signs {@code user} in (password {@code <user>-password}, as the realm file has it) and lands on the console. */
    void signIn(String user) {
        driver.get(console);
        waitFor(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user + "-password");
        driver.findElement(By.id("kc-login")).click();
        new WebDriverWait(driver, PATIENCE).until(d -> d.getCurrentUrl().startsWith(console));
        assertEquals(user, waitFor(By.id("current-user")).getText().trim());
    }

    /** Opens {@code page}, a path under the console ("" for the dashboard, "/backups", ...). */
    void open(String page) {
        driver.get(console + page);
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The page as it is now, to target/screenshots/{@code name}.png. */
    void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The README's picture of this page, at 1440x900, to docs/screenshots/{@code name}.png: only when the suite runs
     * with {@code -De2e.readme-screenshots=true} (the PNGs are committed; a normal run leaves them alone). The page is
     * scrolled to {@code top}, or to its top when null.
     */
    void readmeScreenshot(String name, WebElement top) throws Exception {
        if (!Boolean.getBoolean("e2e.readme-screenshots")) {
            return;
        }
        // The viewport itself at 1440x900 (a window of that size has less room for the page).
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", README_WIDTH, "height",
                README_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
        try {
            chrome.executeScript("if (arguments[0]) { arguments[0].scrollIntoView(); } else { window.scrollTo(0, 0); }",
                    top);
            File shot = chrome.getScreenshotAs(OutputType.FILE);
            Path docs = Files.createDirectories(Path.of("docs", "screenshots"));
            Files.copy(shot.toPath(), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
