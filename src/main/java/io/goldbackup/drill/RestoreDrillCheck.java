package io.goldbackup.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.health.HealthConfig;
import io.smallrye.health.api.HealthGroup;

/**
 * Group {@code backups}: a restore drill passed within {@code gold-backup.health.max-drill-age} (8 days, a weekly
 * schedule and a day to spare). Before the first drill passes, the age counts from the oldest completed backup: a
 * fresh install has that long to run its first drill (the weekly schedule does), and an installation whose backups
 * have never been proven restorable turns DOWN. No completed backup at all: UP (the backup indicators fail). Three
 * small indexed reads, no scan.
 */
@HealthGroup("backups")
@ApplicationScoped
class RestoreDrillCheck implements HealthCheck {

    private final DrillLog drills;
    private final BackupQueries backups;
    private final HealthConfig config;
    private final Clock clock;

    RestoreDrillCheck(DrillLog drills, BackupQueries backups, HealthConfig config, Clock clock) {
        this.drills = drills;
        this.backups = backups;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Duration maxAge = config.maxDrillAge();
        var builder = HealthCheckResponse.named("restore-drill").withData("maxDrillAge", maxAge.toString());
        try {
            Instant now = clock.instant();
            drills.lastFinished().ifPresent(last -> builder.withData("lastDrillId", last.id())
                    .withData("lastDrillStatus", last.status()));
            Optional<Instant> passed = drills.lastPassed();
            if (passed.isPresent()) {
                Duration age = Duration.between(passed.get(), now);
                return builder.withData("lastPassedAt", passed.get().toString())
                        .withData("hoursSinceLastPassed", age.toHours()).status(age.compareTo(maxAge) <= 0).build();
            }
            Optional<BackupSummary> oldest = backups.oldestCounted();
            if (oldest.isEmpty()) {
                return builder.up().withData("note", "no completed backup to drill yet").build();
            }
            Duration since = Duration.between(oldest.get().backupTimestamp(), now);
            return builder.withData("lastPassedAt", "never")
                    .withData("note", "no drill has passed yet; the oldest completed backup is " + since.toHours()
                            + " h old")
                    .status(since.compareTo(maxAge) <= 0).build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", "the drills cannot be read").build();
        }
    }
}
