package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the database answered the last background check ({@link DatabaseWatch}) recently, and the four
 * indicators of that check as data. The indicators never turn readiness DOWN: readiness says whether this pod can
 * serve, and it can serve however old the last backup is.
 */
@Readiness
@ApplicationScoped
class DatabaseReadiness implements HealthCheck {

    private final DatabaseWatch watch;
    private final BackupIndicators indicators;

    DatabaseReadiness(DatabaseWatch watch, BackupIndicators indicators) {
        this.watch = watch;
        this.indicators = indicators;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("database");
        DatabaseWatch.Check check = watch.last();
        builder.withData("checkedAt", check.at().toString());
        if (!check.ok()) {
            return builder.down().withData("error", check.error()).build();
        }
        if (watch.stale(check)) {
            return builder.down().withData("error", "no answer from the database since the last check").build();
        }
        return IndicatorData.add(builder, check.reading(), indicators).up().build();
    }
}
