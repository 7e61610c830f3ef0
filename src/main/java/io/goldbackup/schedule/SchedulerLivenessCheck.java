package io.goldbackup.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness: DOWN when a job has run past its time limit, which a restart cures. Never asks the database. */
@Liveness
@ApplicationScoped
class SchedulerLivenessCheck implements HealthCheck {

    private final JobMonitor monitor;

    SchedulerLivenessCheck(JobMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("scheduler").withData("jobTimeLimit", monitor.timeLimit().toString());
        monitor.running().forEach((job, since) -> builder.withData("running." + job, since.toString()));
        return monitor.stuck().map(stuck -> builder.down().withData("stuck", stuck.getKey()).build())
                .orElseGet(() -> builder.up().build());
    }

}
