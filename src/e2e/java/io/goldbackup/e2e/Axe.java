package io.goldbackup.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * axe-core (the pinned copy the e2e profile fetches into target/axe-core, {@code -De2e.axe}) run on the page a
 * browser shows. The script goes in through WebDriver, which the page's Content-Security-Policy does not govern.
 * Serious and critical violations are findings; moderate and minor ones are logged.
 */
final class Axe {

    private static final Set<String> FAILING = Set.of("serious", "critical");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String source;

    private Axe() {
    }

    /** The page's serious and critical violations, one line per rule with the nodes it found, named by {@code page}. */
    static List<String> violations(WebDriver driver, String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(source());
        }
        Object answer = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                    .then(r => done(JSON.stringify({ violations: r.violations, passes: r.passes.length,
                        incomplete: r.incomplete.map(i => i.id) })))
                    .catch(e => done('axe failed: ' + e));
                """);
        String text = String.valueOf(answer);
        if (text.startsWith("axe failed")) {
            throw new IllegalStateException(page + ": " + text);
        }
        List<String> findings = new ArrayList<>();
        try {
            JsonNode result = JSON.readTree(text);
            int passes = result.path("passes").asInt();
            if (passes == 0) {
                throw new IllegalStateException(page + ": axe-core checked nothing");
            }
            Log.infof("axe-core %s: %d rules passed, %d violated, needs review: %s", page, passes,
                    result.path("violations").size(), result.path("incomplete"));
            for (JsonNode rule : result.path("violations")) {
                String impact = rule.path("impact").asText();
                StringBuilder line = new StringBuilder(page).append(": ").append(rule.path("id").asText())
                        .append(" (").append(impact).append(", ").append(rule.path("help").asText()).append(")");
                for (JsonNode node : rule.path("nodes")) {
                    line.append("\n    ").append(node.path("target")).append(' ')
                            .append(node.path("html").asText().replaceAll("\\s+", " "));
                    String summary = node.path("failureSummary").asText().replaceAll("\\s+", " ");
                    if (!summary.isEmpty()) {
                        line.append("\n      ").append(summary);
                    }
                }
                if (FAILING.contains(impact)) {
                    findings.add(line.toString());
                } else {
                    Log.infof("axe, not failing: %s", line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    private static synchronized String source() {
        if (source == null) {
            Path file = Path.of(System.getProperty("e2e.axe", "target/axe-core/axe.min.js"));
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(file + " is missing: the e2e profile's antrun step fetches it", e);
            }
        }
        return source;
    }
}
