package io.goldbackup.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.goldbackup.backup.WalletBackupEntry;
import io.quarkus.qute.TemplateData;

/**
 * One wallet's gold over the backups that hold it, drawn on the server as an SVG polyline with a dot per backup (no
 * script, no inline style), the oldest on the left; the history table under it gives the figures.
 *
 * @param points the polyline
 * @param dots the dots, one per backup, with the figure each stands for
 * @param maxGold the top of the scale
 * @param first the oldest backup's time, for the axis
 * @param last the newest backup's time, for the axis
 */
@TemplateData
public record WalletChart(String points, List<Dot> dots, double maxGold, String first, String last) {

    /**
     * One backup on the chart.
     *
     * @param x where it is drawn
     * @param y where it is drawn
     * @param label its backup and gold, in words (the dot's title)
     */
    @TemplateData
    public record Dot(String x, String y, String label) {
    }

    /** The chart of {@code newestFirst}, as the wallet's history lists it. */
    static WalletChart of(List<WalletBackupEntry> newestFirst) {
        List<WalletBackupEntry> entries = new ArrayList<>(newestFirst);
        Collections.reverse(entries);
        double max = entries.stream().mapToDouble(e -> e.wallet().currentGold()).max().orElse(0);
        double top = max > 0 ? max : 1;
        StringBuilder points = new StringBuilder();
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            WalletBackupEntry e = entries.get(i);
            double x = entries.size() == 1
                    ? (BackupChart.LEFT + BackupChart.RIGHT) / 2.0
                    : BackupChart.LEFT + (BackupChart.RIGHT - BackupChart.LEFT) * i / (entries.size() - 1.0);
            double y = BackupChart.BOTTOM - (BackupChart.BOTTOM - BackupChart.TOP) * e.wallet().currentGold() / top;
            String px = String.format(Locale.ROOT, "%.1f", x);
            String py = String.format(Locale.ROOT, "%.1f", y);
            points.append(px).append(',').append(py).append(' ');
            dots.add(new Dot(px, py, "Backup #" + e.backupId() + ", " + ConsoleFormat.time(e.backupTimestamp()) + ": "
                    + ConsoleFormat.gold(e.wallet().currentGold()) + " gold"));
        }
        return new WalletChart(points.toString().trim(), dots, max,
                entries.isEmpty() ? "" : ConsoleFormat.time(entries.get(0).backupTimestamp()),
                entries.isEmpty() ? "" : ConsoleFormat.time(entries.get(entries.size() - 1).backupTimestamp()));
    }

    public boolean isEmpty() {
        return dots.isEmpty();
    }
}
