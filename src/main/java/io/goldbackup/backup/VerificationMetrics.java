package io.goldbackup.backup;

import java.time.Clock;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The verification metrics, named as Prometheus exports them: {@code gold_backup_verify_total{result}} (every
 * verification: on demand, before a restore, scheduled; {@code ok}, {@code mismatch} (the rows or the seal do not
 * match: the backup is now corrupt) or {@code error} (it could not finish)), and gauges read from the database on
 * each scrape, so every replica reports the same: {@code gold_backup_corrupt_backups} and
 * {@code gold_backup_verify_overdue_backups} (completed backups not verified within {@code gold-backup.verify.every}).
 */
@Singleton
class VerificationMetrics {

    static final String OK = "ok";
    static final String MISMATCH = "mismatch";
    static final String ERROR = "error";

    private final MeterRegistry registry;
    private final VerificationRepository verifications;
    private final VerifyConfig config;
    private final Clock clock;

    VerificationMetrics(MeterRegistry registry, VerificationRepository verifications, VerifyConfig config,
            Clock clock) {
        this.registry = registry;
        this.verifications = verifications;
        this.config = config;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event) {
        for (String result : new String[]{OK, MISMATCH, ERROR}) {
            counter(result);
        }
        Gauge.builder("gold.backup.corrupt.backups", this, m -> m.counts().corrupt())
                .description("Backups marked corrupt by a verification (kept for the investigation)")
                .register(registry);
        Gauge.builder("gold.backup.verify.overdue.backups", this, m -> m.counts().overdue())
                .description("Completed backups not verified within gold-backup.verify.every")
                .register(registry);
    }

    /** Counts one verification with its result: {@link #OK}, {@link #MISMATCH} or {@link #ERROR}. */
    void count(String result) {
        counter(result).increment();
    }

    private VerificationRepository.Counts counts() {
        return verifications.counts(clock.instant().minus(config.every()));
    }

    private Counter counter(String result) {
        return Counter.builder("gold.backup.verify")
                .description("Verifications of backups (checksum and seal), by result").tag("result", result)
                .register(registry);
    }
}
