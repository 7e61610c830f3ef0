package io.goldbackup.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.goldbackup.backup.BackupSummary;
import io.goldbackup.web.Bytes;
import io.quarkus.qute.TemplateData;

/**
 * The dashboard's chart of wallets and backup size over the last completed backups (never a restore's safety
 * snapshot: the query counts backups only), drawn on the server as SVG (no script, no inline style): a time axis
 * (each backup where it was taken, ticks in UTC), each series on its own scale, told apart by colour, line style and
 * marker (a solid line with circles, a dashed line with squares) as the legend shows them, the figures also as a
 * table.
 *
 * @param walletPoints the polyline of wallet counts
 * @param sizePoints the polyline of sizes
 * @param walletMarks the markers of the wallet counts
 * @param sizeMarks the markers of the sizes
 * @param ticks the time axis's labelled ticks
 * @param maxWallets the top of the wallets scale
 * @param maxSizeBytes the top of the size scale
 * @param backups the backups charted, oldest first
 */
@TemplateData
public record BackupChart(String walletPoints, String sizePoints, List<Mark> walletMarks, List<Mark> sizeMarks,
        List<Tick> ticks, long maxWallets, long maxSizeBytes, List<BackupSummary> backups) {

    /** The drawing area inside the SVG's view box, which is 640 by 250. */
    static final int LEFT = 70;
    static final int RIGHT = 570;
    static final int TOP = 20;
    static final int BOTTOM = 190;

    /** How many labelled ticks the time axis has at most. */
    static final int TICKS = 5;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * A point's marker.
     *
     * @param x in the view box
     * @param y in the view box
     * @param title what a pointer over it reads
     */
    @TemplateData
    public record Mark(String x, String y, String title) {
    }

    /**
     * A labelled tick of the time axis.
     *
     * @param x in the view box
     * @param label the time, UTC
     */
    @TemplateData
    public record Tick(String x, String label) {
    }

    /** The chart of {@code newestFirst}, as the backup list answers it. */
    static BackupChart of(List<BackupSummary> newestFirst) {
        List<BackupSummary> backups = new ArrayList<>(newestFirst);
        Collections.reverse(backups);
        long maxWallets = Math.max(1, backups.stream().mapToLong(BackupSummary::totalUsersBackedUp).max().orElse(1));
        long maxSize = Math.max(1, backups.stream().mapToLong(b -> size(b)).max().orElse(1));
        if (backups.isEmpty()) {
            return new BackupChart("", "", List.of(), List.of(), List.of(), maxWallets, maxSize, backups);
        }
        Instant first = backups.get(0).backupTimestamp();
        Instant last = backups.get(backups.size() - 1).backupTimestamp();
        long span = Math.max(1, Duration.between(first, last).toMillis());
        StringBuilder wallets = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        List<Mark> walletMarks = new ArrayList<>();
        List<Mark> sizeMarks = new ArrayList<>();
        for (BackupSummary b : backups) {
            double x = x(b.backupTimestamp(), first, span, backups.size());
            double wy = y(b.totalUsersBackedUp() / (double) maxWallets);
            double sy = y(size(b) / (double) maxSize);
            wallets.append(coordinate(x)).append(',').append(coordinate(wy)).append(' ');
            sizes.append(coordinate(x)).append(',').append(coordinate(sy)).append(' ');
            String when = HOUR.format(b.backupTimestamp()) + " UTC";
            walletMarks.add(new Mark(coordinate(x), coordinate(wy), "#" + b.id() + ", " + when + ": "
                    + ConsoleFormat.count(b.totalUsersBackedUp()) + " wallets"));
            sizeMarks.add(new Mark(coordinate(x), coordinate(sy), "#" + b.id() + ", " + when + ": "
                    + Bytes.format(size(b))));
        }
        return new BackupChart(wallets.toString().trim(), sizes.toString().trim(), walletMarks, sizeMarks,
                ticks(first, last, span, backups.size()), maxWallets, maxSize, backups);
    }

    private static List<Tick> ticks(Instant first, Instant last, long span, int count) {
        DateTimeFormatter format = Duration.between(first, last).toHours() < 48 ? HOUR : DAY;
        if (count == 1 || first.equals(last)) {
            return List.of(new Tick(coordinate(x(first, first, span, 1)), format.format(first)));
        }
        List<Tick> ticks = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < TICKS; i++) {
            Instant at = first.plusMillis(span * i / (TICKS - 1));
            String label = format.format(at);
            if (!label.equals(previous)) {
                ticks.add(new Tick(coordinate(x(at, first, span, count)), label));
                previous = label;
            }
        }
        return ticks;
    }

    private static double x(Instant at, Instant first, long span, int count) {
        if (count == 1) {
            return (LEFT + RIGHT) / 2.0;
        }
        return LEFT + (RIGHT - LEFT) * Duration.between(first, at).toMillis() / (double) span;
    }

    private static double y(double share) {
        return BOTTOM - (BOTTOM - TOP) * share;
    }

    private static long size(BackupSummary b) {
        return b.sizeBytes() == null ? 0 : b.sizeBytes();
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public boolean isEmpty() {
        return backups.isEmpty();
    }

    /** The size scale's top, in words. */
    public String maxSizeLabel() {
        return Bytes.format(maxSizeBytes);
    }

    /** The size scale's middle, in words. */
    public String midSizeLabel() {
        return Bytes.format(maxSizeBytes / 2);
    }

    /** The wallets scale's middle. */
    public String midWalletsLabel() {
        return ConsoleFormat.count(maxWallets / 2);
    }
}
