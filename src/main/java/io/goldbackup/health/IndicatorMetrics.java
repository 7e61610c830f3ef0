package io.goldbackup.health;

import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.goldbackup.backup.StorageConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The {@code backups} health group for Prometheus: each indicator as a gauge, the figures behind the indicators, and
 * the configured thresholds, so that an alert compares a figure with the value the service itself uses instead of a
 * number copied into the rule. Exported as {@code gold_backup_health_indicator{indicator}} (1 passes, 0 fails),
 * {@code gold_backup_completed_backups}, {@code gold_backup_frequency_backups},
 * {@code gold_backup_recent_backup_threshold_seconds}, {@code gold_backup_min_backups},
 * {@code gold_backup_frequency_min_backups}, {@code gold_backup_storage_warn_bytes} and
 * {@code gold_backup_storage_limit_bytes}.
 * <p>
 * The indicators and figures come from {@link DatabaseWatch}'s last background reading: a scrape costs no database
 * work, and it reports exactly what the health group and readiness show. While that reading fails (the database is
 * unreachable), they are NaN, which no alert threshold matches.
 */
@Singleton
class IndicatorMetrics {

    private final MeterRegistry registry;
    private final DatabaseWatch watch;
    private final HealthConfig health;
    private final StorageConfig storage;

    IndicatorMetrics(MeterRegistry registry, DatabaseWatch watch, HealthConfig health, StorageConfig storage) {
        this.registry = registry;
        this.watch = watch;
        this.health = health;
        this.storage = storage;
    }

    void register(@Observes StartupEvent event) {
        indicator("hasRecentBackup", BackupIndicators.Indicators::hasRecentBackup);
        indicator("hasMultipleBackups", BackupIndicators.Indicators::hasMultipleBackups);
        indicator("storageUsageOK", BackupIndicators.Indicators::storageUsageOK);
        indicator("backupFrequencyOK", BackupIndicators.Indicators::backupFrequencyOK);
        Gauge.builder("gold.backup.completed.backups", watch, w -> reading(w, r -> r.counts().completed()))
                .description("Completed backups, restore safety snapshots not counted (the hasMultipleBackups figure)")
                .register(registry);
        Gauge.builder("gold.backup.frequency.backups", watch, w -> reading(w, r -> r.counts().last7Days()))
                .description("Backups that completed in the last 7 days (the backupFrequencyOK figure)")
                .register(registry);
        Gauge.builder("gold.backup.recent.backup.threshold", health, h -> h.recentBackupHours() * 3600.0)
                .baseUnit("seconds")
                .description("gold-backup.health.recent-backup-hours: the newest backup must be younger than this")
                .register(registry);
        Gauge.builder("gold.backup.min.backups", health, HealthConfig::minBackups)
                .description("gold-backup.health.min-backups: completed backups needed")
                .register(registry);
        Gauge.builder("gold.backup.frequency.min.backups", health, HealthConfig::minBackupsLast7Days)
                .description("gold-backup.health.min-backups-last-7-days: backups needed in the last 7 days")
                .register(registry);
        Gauge.builder("gold.backup.storage.warn", storage, StorageConfig::warnSizeBytes)
                .baseUnit("bytes")
                .description("gold-backup.storage.warn-size-mb: storage from which storageUsageOK fails")
                .register(registry);
        Gauge.builder("gold.backup.storage.limit", storage, StorageConfig::maxSizeBytes)
                .baseUnit("bytes")
                .description("gold-backup.storage.max-size-mb: storage beyond which a backup is refused")
                .register(registry);
    }

    private void indicator(String name, Predicate<BackupIndicators.Indicators> passes) {
        Gauge.builder("gold.backup.health.indicator", watch,
                w -> reading(w, r -> passes.test(r.indicators()) ? 1 : 0))
                .tag("indicator", name)
                .description("An indicator of the backups health group: 1 when it passes, 0 when it fails")
                .register(registry);
    }

    private static double reading(DatabaseWatch watch, ToDoubleFunction<BackupIndicators.Reading> figure) {
        DatabaseWatch.Check check = watch.last();
        return check.ok() ? figure.applyAsDouble(check.reading()) : Double.NaN;
    }
}
