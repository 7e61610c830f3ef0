package io.goldbackup.restore;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.health.RestoreStatsSource;

/** Gives the statistics the restore success rate from the restore log. */
@ApplicationScoped
class RestoreStats implements RestoreStatsSource {

    private final RestoreRunRepository repository;

    RestoreStats(RestoreRunRepository repository) {
        this.repository = repository;
    }

    @Override
    public Double successRate() {
        return repository.successRate();
    }
}
