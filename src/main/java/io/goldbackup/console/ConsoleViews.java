package io.goldbackup.console;

import java.time.Clock;
import java.util.List;

import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.offsite.RemoteBackup;
import io.goldbackup.restore.RestorePlan;
import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateExtension;

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
     * What the restore page opens with.
     *
     * @param selected the backup chosen, or null
     * @param undoOf the restore run it undoes (the backup is that run's safety snapshot), or null
     * @param wallets the wallets to fill in, one a line (a wallet's history links here with one)
     * @param plan a dry run's plan reopened by its run id ({@code ?plan=}), or null
     */
    @TemplateData
    public record RestoreChoice(Long selected, Long undoOf, String wallets, RestorePlan plan) {

        /** Whether deleted wallets are re-created: an undo's default, or what the reopened plan asked. */
        public boolean recreate() {
            return plan != null ? plan.restoreDeleted() : undoOf != null;
        }
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

    /**
     * Whether a backup is past its expiry, as of the service's clock: the list's {@code expired} badge
     * ({@code b.expired}).
     */
    @TemplateExtension
    static boolean expired(BackupSummary b) {
        return b.expiresAt() != null && b.expiresAt().isBefore(Arc.container().instance(Clock.class).get().instant());
    }
}
