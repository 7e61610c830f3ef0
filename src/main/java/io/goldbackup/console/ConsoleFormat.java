package io.goldbackup.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.goldbackup.web.Bytes;
import io.quarkus.qute.TemplateExtension;

/** Numbers, sizes and times as the console's pages write them: {@code {fmt:gold(x)}}. Times are UTC. */
@TemplateExtension(namespace = "fmt")
final class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private ConsoleFormat() {
    }

    /** Whole numbers with thousands separators. */
    static String count(Object value) {
        if (value == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
    }

    /** Gold and rates: two decimals at most, thousands separated. */
    static String gold(Object value) {
        if (value == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.2f", ((Number) value).doubleValue());
    }

    /** A signed change, such as {@code +1,200.00}. */
    static String delta(Object value) {
        if (value == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+,.2f", ((Number) value).doubleValue());
    }

    /** A share from 0 to 1 as a percentage. */
    static String percent(Object value) {
        if (value == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f%%", ((Number) value).doubleValue() * 100);
    }

    /** Bytes in the largest unit that keeps a number above 1. */
    static String bytes(Object value) {
        if (value == null) {
            return "–";
        }
        return Bytes.format(((Number) value).longValue());
    }

    /** A duration in milliseconds, in s above a second. */
    static String ms(Object value) {
        if (value == null) {
            return "–";
        }
        long ms = ((Number) value).longValue();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The first block of a uuid, enough to tell copies apart on a page; the whole uuid goes in a title. */
    static String shortId(String uuid) {
        if (uuid == null) {
            return "–";
        }
        int dash = uuid.indexOf('-');
        return dash > 0 ? uuid.substring(0, dash) : uuid;
    }

    /** An instant in UTC; a dash when absent. */
    static String time(Instant instant) {
        return instant == null ? "–" : TIME.format(instant);
    }

    /** The machine-readable form for a {@code <time datetime>} attribute. */
    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** An audit parameter's value: lists joined, nested maps as {@code key: value} pairs, a dash for null. */
    static String param(Object value) {
        return ConsoleAudit.paramValue(value);
    }
}
