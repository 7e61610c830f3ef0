package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The four indicators shown in readiness as data. Always UP when it can read them: readiness says whether this
 * pod can serve, and it can serve however old the last backup is. When the database cannot be read, the
 * datasource check already turns readiness DOWN.
 */
@Readiness
@ApplicationScoped
class BackupIndicatorsReadiness implements HealthCheck {

    private final BackupIndicators indicators;

    BackupIndicatorsReadiness(BackupIndicators indicators) {
        this.indicators = indicators;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("backup-indicators");
        try {
            return IndicatorData.add(builder, indicators.read(false), indicators).up().build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", "backup metadata cannot be read").build();
        }
    }
}
