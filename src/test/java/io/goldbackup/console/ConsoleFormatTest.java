package io.goldbackup.console;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sizes and times as the console's pages write them (common.js keeps the same words). */
class ConsoleFormatTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void sizesAreInBinaryUnits() {
        assertEquals("512 B", ConsoleFormat.bytes(512));
        assertEquals("1.5 KiB", ConsoleFormat.bytes(1536));
        assertEquals("100.0 MiB", ConsoleFormat.bytes(100L * 1024 * 1024));
        assertEquals("290.0 MiB", ConsoleFormat.bytes(290L * 1024 * 1024));
        assertEquals("2.0 GiB", ConsoleFormat.bytes(2L * 1024 * 1024 * 1024));
        assertEquals("–", ConsoleFormat.bytes(null));
    }

    @Test
    void timesReadRelativeWithTheExactUtcTimeInTheTitle() {
        assertEquals("just now", ConsoleFormat.relative(NOW.minusSeconds(59), NOW));
        assertEquals("5 min ago", ConsoleFormat.relative(NOW.minusSeconds(5 * 60 + 59), NOW));
        assertEquals("3 h ago", ConsoleFormat.relative(NOW.minus(Duration.ofMinutes(200)), NOW));
        assertEquals("47 h ago", ConsoleFormat.relative(NOW.minus(Duration.ofHours(47)), NOW));
        assertEquals("3 d ago", ConsoleFormat.relative(NOW.minus(Duration.ofHours(80)), NOW));
        assertEquals("in 29 d", ConsoleFormat.relative(NOW.plus(Duration.ofDays(29)).plusSeconds(5), NOW));
        String at = ConsoleFormat.at(NOW).toString();
        assertEquals("<time datetime=\"2026-12-01T12:00:00Z\" data-format=\"full\" title=\"2026-12-01 12:00:00 UTC\">"
                + "2026-12-01 12:00:00 UTC</time>", at);
        assertEquals("–", ConsoleFormat.when(null).toString());
    }
}
