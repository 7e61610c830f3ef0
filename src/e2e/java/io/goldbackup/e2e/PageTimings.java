package io.goldbackup.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import io.quarkus.logging.Log;

/**
 * How long console pages take to load, from the browser's Navigation Timing of each load: the server's answer (request
 * sent to the last byte of the HTML) and the whole load (navigation start to the load event: HTML, stylesheet,
 * scripts, images). Written as a Markdown table and logged; reported, never asserted (a loaded CI machine is not a
 * failure of the code).
 */
final class PageTimings {

    private final String title;
    private final List<String> rows = new ArrayList<>();

    PageTimings(String title) {
        this.title = title;
    }

    /**
     * Loads {@code page} (a path under the console) {@code warmUp + runs} times in {@code browser} and records the
     * median and the slowest of the last {@code runs} loads.
     */
    void measure(ConsoleBrowser browser, String label, String page, int warmUp, int runs) {
        List<double[]> loads = new ArrayList<>();
        for (int i = 0; i < warmUp + runs; i++) {
            browser.open(page);
            double[] timing = last(browser.driver());
            if (i >= warmUp) {
                loads.add(timing);
            }
        }
        loads.sort((a, b) -> Double.compare(a[1], b[1]));
        double[] median = loads.get(loads.size() / 2);
        double[] slowest = loads.get(loads.size() - 1);
        double serverMedian = loads.stream().mapToDouble(t -> t[0]).sorted().toArray()[loads.size() / 2];
        rows.add(String.format(Locale.ROOT, "| %s | `%s` | %.0f | %.0f | %.0f | %s |", label, path(page), serverMedian,
                median[1], slowest[1], median[1] < 500 && slowest[1] < 500 ? "yes" : "**no**"));
    }

    /** Records the page the browser has just loaded (one load, no repetition). */
    void record(WebDriver driver, String label, String page) {
        double[] t = last(driver);
        rows.add(String.format(Locale.ROOT, "| %s | `%s` | %.0f | %.0f | %.0f | %s |", label, path(page), t[0], t[1],
                t[1], t[1] < 500 ? "yes" : "**no**"));
    }

    /** Records something timed by the caller, {@code ms} from start to end, that is not a page load. */
    void row(String label, String what, double ms) {
        rows.add(String.format(Locale.ROOT, "| %s | `%s` | | %.0f | %.0f | %s |", label, what, ms, ms,
                ms < 500 ? "yes" : "**no**"));
    }

    private static String path(String page) {
        return "/console" + page;
    }

    /** {server ms, load ms} of the current page's navigation, once its load event has ended. */
    private static double[] last(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        for (int i = 0; i < 200; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) js.executeScript("""
                    const n = performance.getEntriesByType('navigation')[0];
                    return n && n.loadEventEnd > 0
                        ? { server: n.responseEnd - n.requestStart, load: n.loadEventEnd - n.startTime } : null;
                    """);
            if (t != null) {
                return new double[] { ((Number) t.get("server")).doubleValue(),
                        ((Number) t.get("load")).doubleValue() };
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the page's load event did not end: " + driver.getCurrentUrl());
    }

    /** The table, with {@code notes} under it, to {@code file} and to the log. */
    void write(Path file, String notes) throws IOException {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n")
                .append("| Page | Path | Server (ms, median) | Load (ms, median) | Load (ms, slowest)")
                .append(" | Under 500 ms |\n")
                .append("|---|---|---:|---:|---:|---|\n");
        rows.forEach(row -> md.append(row).append('\n'));
        md.append('\n').append(notes.strip()).append('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
        Log.infof("Console timings (%s):%n%s", file, md);
    }
}
