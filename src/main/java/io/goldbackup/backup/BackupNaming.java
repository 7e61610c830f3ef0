package io.goldbackup.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Default names as the seed's naming section shows them: "Auto Daily 2026-11-25", "Pre-update [Description]",
 * "Pre-migration [Description]", "Emergency [Description]", and a manual backup's own name.
 */
final class BackupNaming {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private BackupNaming() {
    }

    /** The daily backup's name for the UTC day of {@code at}. */
    static String autoDaily(Instant at) {
        return BackupType.AUTO_DAILY.namePrefix() + " " + DAY.format(at);
    }

    /**
     * The name a backup gets. A daily backup is always named for its UTC day. A manual backup keeps the given name,
     * or gets "Manual" and the time. The other types follow "Prefix [Description]": the given name is the
     * description (unless it already starts with the prefix); without one, the time is.
     */
    static String nameFor(BackupType type, String requested, Instant at) {
        String given = requested == null ? "" : requested.strip();
        return switch (type) {
            case AUTO_DAILY -> autoDaily(at);
            case MANUAL -> given.isEmpty() ? "Manual " + MINUTE.format(at) : given;
            default -> {
                String prefix = type.namePrefix();
                if (given.isEmpty()) {
                    yield prefix + " " + MINUTE.format(at);
                }
                yield given.regionMatches(true, 0, prefix, 0, prefix.length()) ? given : prefix + " " + given;
            }
        };
    }
}
