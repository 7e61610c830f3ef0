package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: the database answered the last background check ({@link DatabaseWatch}) recently, and the four
 * indicators of that check as data. The indicators never turn readiness DOWN: readiness says whether this pod can
 * serve, and it can serve however old the last backup is.
 */
@Readiness
@ApplicationScoped
class DatabaseReadiness implements AsyncHealthCheck {

    private final DatabaseWatch watch;
    private final BackupIndicators indicators;

    DatabaseReadiness(DatabaseWatch watch, BackupIndicators indicators) {
        this.watch = watch;
        this.indicators = indicators;
    }

    /** Answered on the event loop: it only reads memory, so it needs no hop to a worker thread. */
    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(this::answer);
    }

    private HealthCheckResponse answer() {
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
