package io.goldbackup.offsite;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The off-site gauges, read from the copies' records on each scrape (every replica reports the same truth):
 * {@code gold_backup_offsite_bytes{target}} and {@code gold_backup_offsite_last_success_timestamp_seconds{target}}.
 * The counter {@code gold_backup_offsite_copy_total{target,result}} and the timer
 * {@code gold_backup_offsite_copy_duration_seconds} are counted where copies end.
 */
@Singleton
class OffsiteMetrics {

    private final MeterRegistry registry;
    private final ObjectStores stores;
    private final OffsiteCopyRepository copies;

    OffsiteMetrics(MeterRegistry registry, ObjectStores stores, OffsiteCopyRepository copies) {
        this.registry = registry;
        this.stores = stores;
        this.copies = copies;
    }

    void register(@Observes StartupEvent event) {
        for (String target : stores.names()) {
            Gauge.builder("gold.backup.offsite", copies, r -> r.storedBytes(target)).baseUnit("bytes")
                    .description("Bytes the completed off-site copies take on a target").tag("target", target)
                    .register(registry);
            Gauge.builder("gold.backup.offsite.last.success.timestamp", copies,
                    r -> r.lastSuccess(target).map(t -> t.toEpochMilli() / 1000.0).orElse(0.0)).baseUnit("seconds")
                    .description("When the last off-site copy to a target completed (0: none yet)")
                    .tag("target", target).register(registry);
            for (String result : new String[]{"completed", "failed"}) {
                io.micrometer.core.instrument.Counter.builder("gold.backup.offsite.copy")
                        .description("Off-site copies, by target and result").tag("target", target)
                        .tag("result", result).register(registry);
            }
        }
    }
}
