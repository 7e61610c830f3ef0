package io.goldbackup.drill;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * The drill metrics, named as Prometheus exports them: {@code gold_backup_restore_drill_total{result}} (passed,
 * failed; both registered at start, so an alert's increase() sees the first failure),
 * {@code gold_backup_restore_drill_duration_seconds} (histogram of the measured recovery times), and
 * {@code gold_backup_restore_drill_last_success_timestamp_seconds}, read from the database on each scrape so that every
 * replica reports the same truth (0: no drill has passed yet).
 */
@Singleton
class DrillMetrics {

    private final MeterRegistry registry;
    private final DrillRepository drills;

    DrillMetrics(MeterRegistry registry, DrillRepository drills) {
        this.registry = registry;
        this.drills = drills;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("gold.backup.restore.drill.last.success.timestamp", drills,
                r -> r.lastPassed().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0))
                .baseUnit("seconds")
                .description("When a restore drill last passed, in seconds since the epoch (0: none yet)")
                .register(registry);
        counter(Drill.PASSED);
        counter(Drill.FAILED);
        timer();
    }

    /** Counts a drill that ended, and its measured recovery time when it got that far. */
    void ended(Drill drill) {
        counter(drill.passed() ? Drill.PASSED : Drill.FAILED).increment();
        if (drill.durationMs() != null) {
            timer().record(Duration.ofMillis(drill.durationMs()));
        }
    }

    /** Counts a drill that recovery found interrupted. */
    void interrupted() {
        counter(Drill.FAILED).increment();
    }

    private Counter counter(String result) {
        return Counter.builder("gold.backup.restore.drill").description("Restore drills that ended, by result")
                .tag("result", result).register(registry);
    }

    private Timer timer() {
        return Timer.builder("gold.backup.restore.drill.duration")
                .description("Measured recovery time of restore drills (integrity check and restore)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }
}
