package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: the game's tables still have what backups and restores need, as the last background check
 * ({@link DatabaseWatch}) found them. The start refuses tables that lack it; this says so when they change later (a
 * game release that drops or retypes a column), so the pod leaves the load balancer and monitoring sees why.
 */
@Readiness
@ApplicationScoped
class LiveTablesReadiness implements AsyncHealthCheck {

    private final DatabaseWatch watch;

    LiveTablesReadiness(DatabaseWatch watch) {
        this.watch = watch;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(this::answer);
    }

    private HealthCheckResponse answer() {
        var builder = HealthCheckResponse.named("live-tables");
        DatabaseWatch.Check check = watch.last();
        if (check.liveProblems() == null) {
            // The database check says why: this one has nothing to add.
            return builder.down().withData("error", "not checked: the database cannot be read").build();
        }
        if (!check.liveProblems().isEmpty()) {
            return builder.down().withData("problems", String.join("; ", check.liveProblems())).build();
        }
        return builder.up().build();
    }
}
