package io.goldbackup.offsite;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.smallrye.health.api.HealthGroup;

/**
 * Group {@code backups}: the newest completed backup of a copied type has a completed off-site copy on every target,
 * or completed less than {@code gold-backup.offsite.indicator-allowance} ago. Two small indexed reads; no targets
 * configured: UP.
 */
@HealthGroup("backups")
@ApplicationScoped
class OffsiteCopiesCheck implements HealthCheck {

    private final ObjectStores stores;
    private final BackupQueries backups;
    private final OffsiteCopyRepository copies;
    private final OffsiteConfig config;
    private final Clock clock;

    OffsiteCopiesCheck(ObjectStores stores, BackupQueries backups, OffsiteCopyRepository copies, OffsiteConfig config,
            Clock clock) {
        this.stores = stores;
        this.backups = backups;
        this.copies = copies;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("offsite-copies").withData("targets", String.join(",", stores.names()));
        if (stores.names().isEmpty()) {
            return builder.up().withData("note", "no off-site target configured").build();
        }
        try {
            List<BackupType> types = java.util.Arrays.stream(BackupType.values()).filter(config::copies).toList();
            java.util.Optional<BackupSummary> newest = backups.newestOfTypes(types);
            if (newest.isEmpty()) {
                return builder.up().withData("note", "no completed backup yet").build();
            }
            BackupSummary backup = newest.get();
            Set<String> missing = new TreeSet<>(stores.names());
            copies.completedOf(backup.id()).forEach(c -> missing.remove(c.target));
            boolean young = backup.backupTimestamp().plus(config.indicatorAllowance()).isAfter(clock.instant());
            builder.withData("newestBackupId", backup.id()).withData("missingOn", String.join(",", missing))
                    .withData("allowance", config.indicatorAllowance().toString())
                    .withData("ageMinutes", Duration.between(backup.backupTimestamp(), clock.instant()).toMinutes());
            return builder.status(missing.isEmpty() || young).build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", "the copies cannot be read").build();
        }
    }
}
