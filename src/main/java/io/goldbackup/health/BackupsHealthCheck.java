package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/**
 * Group {@code backups} ({@code /q/health/group/backups}): the seed's four indicators, DOWN when any fails. This is
 * what monitoring alerts on. It is not readiness: a stale backup is a reason to page someone, not to take the
 * service (the only way to take a fresh backup) out of the load balancer.
 */
@HealthGroup("backups")
@ApplicationScoped
class BackupsHealthCheck implements HealthCheck {

    private final BackupIndicators indicators;

    BackupsHealthCheck(BackupIndicators indicators) {
        this.indicators = indicators;
    }

    @Override
    public HealthCheckResponse call() {
        BackupIndicators.Reading reading = indicators.read(false);
        return IndicatorData.add(HealthCheckResponse.named("backups"), reading, indicators)
                .status(reading.indicators().allOk()).build();
    }
}
