package io.goldbackup.backup;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * The backup metrics, named as Prometheus exports them: {@code gold_backup_attempts_total{type}},
 * {@code gold_backup_success_total{type}}, {@code gold_backup_failure_total{type}},
 * {@code gold_backup_duration_seconds} (histogram), and gauges read from the database on each scrape (so every
 * replica reports the same truth): {@code gold_backup_last_success_timestamp_seconds},
 * {@code gold_backup_last_wallets}, {@code gold_backup_storage_bytes}.
 */
@Singleton
public class BackupMetrics {

    private final MeterRegistry registry;
    private final BackupStatsRepository backups;

    BackupMetrics(MeterRegistry registry, BackupStatsRepository backups) {
        this.registry = registry;
        this.backups = backups;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("gold.backup.last.success.timestamp", backups, r -> r.lastSuccess().map(
                last -> last.completedAt().toEpochMilli() / 1000.0).orElse(0.0))
                .baseUnit("seconds")
                .description("When the last backup completed, in seconds since the epoch (0: none yet)")
                .register(registry);
        Gauge.builder("gold.backup.last.wallets", backups, r -> r.lastSuccess().map(
                last -> (double) last.wallets()).orElse(0.0))
                .description("Wallets in the last completed backup")
                .register(registry);
        Gauge.builder("gold.backup.storage", backups, BackupStatsRepository::storageBytesFromCatalog)
                .baseUnit("bytes")
                .description("Bytes the backups take on disk, from PostgreSQL's catalog")
                .register(registry);
        for (BackupType type : BackupType.values()) {
            counter("gold.backup.attempts", "Backups started", type);
            counter("gold.backup.success", "Backups completed", type);
            counter("gold.backup.failure", "Backups failed or refused", type);
        }
        timer();
    }

    void attempt(BackupType type) {
        counter("gold.backup.attempts", "Backups started", type).increment();
    }

    void success(BackupType type, Duration duration) {
        counter("gold.backup.success", "Backups completed", type).increment();
        timer().record(duration);
    }

    void failure(BackupType type) {
        counter("gold.backup.failure", "Backups failed or refused", type).increment();
    }

    private Counter counter(String name, String description, BackupType type) {
        return Counter.builder(name).description(description).tag("type", type.wire()).register(registry);
    }

    private Timer timer() {
        return Timer.builder("gold.backup.duration").description("How long completed backups took")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }
}
