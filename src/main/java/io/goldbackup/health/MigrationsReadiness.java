package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Readiness: every Flyway migration of this build is applied to the database. Once they are, they stay applied
 * (a migration is never undone), so the answer is kept: Flyway reads its migrations and the schema history each
 * time it is asked, which is too slow for a probe called every few seconds.
 */
@Readiness
@ApplicationScoped
class MigrationsReadiness implements HealthCheck {

    private final Flyway flyway;
    private volatile String applied;

    MigrationsReadiness(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("migrations");
        if (applied != null) {
            return builder.withData("current", applied).withData("pending", 0).up().build();
        }
        try {
            var info = flyway.info();
            int pending = info.pending().length;
            var current = info.current();
            String version = current == null ? "none" : current.getVersion().toString();
            if (pending == 0) {
                applied = version;
            }
            return builder.withData("current", version).withData("pending", pending).status(pending == 0).build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", "the schema history cannot be read").build();
        }
    }
}
