package io.goldbackup.health;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** Used until a restore feature provides the rate. */
@DefaultBean
@ApplicationScoped
class NoRestoreStats implements RestoreStatsSource {

    @Override
    public Double successRate() {
        return null;
    }
}
