package io.goldbackup.web;

import java.util.Locale;

/** Sizes as people read them, in binary units (KiB = 1,024 bytes), as the storage limits are configured. */
public final class Bytes {

    private Bytes() {
    }

    /** Bytes in the largest binary unit that keeps a number above 1: {@code 512 B}, {@code 1.5 MiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }
}
