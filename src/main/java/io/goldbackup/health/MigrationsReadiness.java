package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Readiness: every Flyway migration of this build is applied to the database. Once they are, they stay applied
 * (a migration is never undone), so the answer is kept: Flyway reads its migrations and the schema history each
 * time it is asked, which is too slow for a probe called every few seconds. It is read at start, after Flyway has
 * migrated, and the probe answers from memory on the event loop; only while migrations are pending does a probe
 * ask Flyway again, on a worker thread.
 */
@Readiness
@ApplicationScoped
class MigrationsReadiness implements AsyncHealthCheck {

    private final Flyway flyway;
    private volatile String applied;

    MigrationsReadiness(Flyway flyway) {
        this.flyway = flyway;
    }

    void start(@Observes StartupEvent event) {
        inspect();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        String version = applied;
        if (version != null) {
            return Uni.createFrom()
                    .item(HealthCheckResponse.named("migrations").withData("current", version).withData("pending", 0)
                            .up().build());
        }
        return Uni.createFrom().item(this::inspect).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private HealthCheckResponse inspect() {
        var builder = HealthCheckResponse.named("migrations");
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
