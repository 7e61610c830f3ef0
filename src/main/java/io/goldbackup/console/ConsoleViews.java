package io.goldbackup.console;

import java.util.List;
import java.util.Optional;

import io.goldbackup.backup.BackupSort;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupType;
import io.goldbackup.offsite.RemoteBackup;
import io.quarkus.qute.TemplateData;

/** What the console's pages show beside the services' own records. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /**
     * One of the seed's four health indicators.
     *
     * @param id a stable id for the page ({@code indicator-recent} ...)
     * @param name the indicator in words
     * @param ok whether it passes
     * @param figure the figure behind it and its threshold
     */
    @TemplateData
    public record Indicator(String id, String name, boolean ok, String figure) {
    }

    /**
     * Storage used against the limits.
     *
     * @param usedBytes measured by PostgreSQL
     * @param warnBytes above this the storage indicator fails
     * @param maxBytes a backup that would pass this is refused
     * @param backups backups that count against the limit (not failed)
     * @param maxBackups one more is refused
     */
    @TemplateData
    public record Storage(long usedBytes, long warnBytes, long maxBytes, long backups, int maxBackups) {
    }

    /** A backup type with its retention, for the create form and the retention table. */
    @TemplateData
    public record TypeOption(String value, String label, int retentionDays) {
    }

    /**
     * The backup list's filters, sort and page, and the links that change one of them.
     *
     * @param type empty for every type
     * @param status empty for every status
     */
    @TemplateData
    public record ListQuery(Optional<BackupType> type, Optional<BackupStatus> status, BackupSort sort,
            boolean ascending, int page) {

        public String typeValue() {
            return type.map(BackupType::wire).orElse("");
        }

        public String statusValue() {
            return status.map(BackupStatus::wire).orElse("");
        }

        /** The link that sorts by {@code column}: ascending first, or the other way when already sorted by it. */
        public String sortLink(String column) {
            boolean asc = column.equals(sort.wire()) ? !ascending : !column.equals("time");
            return link(column, asc, 0);
        }

        /** {@code ascending}, {@code descending} or {@code none}: the aria-sort of {@code column}'s header. */
        public String ariaSort(String column) {
            return column.equals(sort.wire()) ? (ascending ? "ascending" : "descending") : "none";
        }

        public String pageLink(int index) {
            return link(sort.wire(), ascending, index);
        }

        private String link(String column, boolean asc, int index) {
            StringBuilder link = new StringBuilder("/console/backups?sort=").append(column).append("&dir=")
                    .append(asc ? "asc" : "desc");
            type.ifPresent(t -> link.append("&type=").append(t.wire()));
            status.ifPresent(s -> link.append("&status=").append(s.wire()));
            if (index > 0) {
                link.append("&page=").append(index);
            }
            return link.toString();
        }
    }

    /**
     * One off-site target's bucket, as the off-site page lists it.
     *
     * @param target the target's name
     * @param backups the copies it holds, newest first; empty when it could not be listed
     * @param error why it could not be listed (the store's answer in the service's words); null when it was
     */
    @TemplateData
    public record Bucket(String target, List<RemoteBackup> backups, String error) {
    }

    /**
     * The dashboard's live part, which {@link ConsoleLive} renders again when something changed: the indicators, the
     * figures, storage, the latest outcomes and the chart.
     *
     * @param stats the system's figures
     * @param indicators the four health indicators
     * @param storage storage used against the limits
     * @param outcomes the operations that ended last, of every kind, newest first
     * @param chart wallets and size over the last completed backups
     */
    @TemplateData
    public record Board(io.goldbackup.health.SystemStats stats, List<Indicator> indicators, Storage storage,
            List<io.goldbackup.operation.ActivityItem> outcomes, BackupChart chart) {
    }

    /**
     * What runs now, for the "running now" strip of every page.
     *
     * @param items the running operations, oldest first
     */
    @TemplateData
    public record Running(List<io.goldbackup.operation.ActivityItem> items) {

        /** The running operations' keys ({@code kind-id}), which change exactly when one starts or ends. */
        public String keys() {
            return String.join(" ", items.stream().map(i -> i.kind() + "-" + i.id()).toList());
        }

        /** How many run, in words, for the announcement. */
        public String summary() {
            return items.isEmpty()
                    ? "Nothing is running."
                    : items.size() == 1 ? "1 operation running." : items.size() + " operations running.";
        }
    }

    /** The options of the list's status filter. */
    static List<String> statuses() {
        return java.util.Arrays.stream(BackupStatus.values()).map(BackupStatus::wire).toList();
    }
}
