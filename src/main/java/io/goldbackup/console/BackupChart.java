package io.goldbackup.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.goldbackup.backup.BackupSummary;
import io.goldbackup.web.Bytes;
import io.quarkus.qute.TemplateData;

/**
 * The dashboard's chart of wallets and backup size over the last completed backups, drawn on the server as SVG
 * polylines (no script, no inline style), each series on its own scale, with the figures also given as a table.
 *
 * @param walletPoints the polyline of wallet counts
 * @param sizePoints the polyline of sizes
 * @param maxWallets the top of the wallets scale
 * @param maxSizeBytes the top of the size scale
 * @param backups the backups charted, oldest first
 */
@TemplateData
public record BackupChart(String walletPoints, String sizePoints, long maxWallets, long maxSizeBytes,
        List<BackupSummary> backups) {

    /** The drawing area inside the SVG's view box, which is 640 by 240. */
    static final int LEFT = 60;
    static final int RIGHT = 580;
    static final int TOP = 20;
    static final int BOTTOM = 200;

    /** The chart of {@code newestFirst}, as the backup list answers it. */
    static BackupChart of(List<BackupSummary> newestFirst) {
        List<BackupSummary> backups = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(backups);
        long maxWallets = Math.max(1, backups.stream().mapToLong(BackupSummary::totalUsersBackedUp).max().orElse(1));
        long maxSize = Math.max(1, backups.stream().mapToLong(b -> b.sizeBytes() == null ? 0 : b.sizeBytes()).max()
                .orElse(1));
        StringBuilder wallets = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < backups.size(); i++) {
            BackupSummary b = backups.get(i);
            double x = backups.size() == 1 ? (LEFT + RIGHT) / 2.0 : LEFT + (RIGHT - LEFT) * i / (backups.size() - 1.0);
            point(wallets, x, b.totalUsersBackedUp() / (double) maxWallets);
            point(sizes, x, (b.sizeBytes() == null ? 0 : b.sizeBytes()) / (double) maxSize);
        }
        return new BackupChart(wallets.toString().trim(), sizes.toString().trim(), maxWallets, maxSize, backups);
    }

    private static void point(StringBuilder points, double x, double share) {
        double y = BOTTOM - (BOTTOM - TOP) * share;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }

    public boolean isEmpty() {
        return backups.isEmpty();
    }

    /** The size scale's top, in words. */
    public String maxSizeLabel() {
        return Bytes.format(maxSizeBytes);
    }
}
