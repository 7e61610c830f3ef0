package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/** Readiness: every Flyway migration of this build is applied to the database. */
@Readiness
@ApplicationScoped
class MigrationsReadiness implements HealthCheck {

    private final Flyway flyway;

    MigrationsReadiness(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("migrations");
        try {
            var info = flyway.info();
            int pending = info.pending().length;
            var current = info.current();
            return builder.withData("current", current == null ? "none" : current.getVersion().toString())
                    .withData("pending", pending).status(pending == 0).build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", "the schema history cannot be read").build();
        }
    }
}
