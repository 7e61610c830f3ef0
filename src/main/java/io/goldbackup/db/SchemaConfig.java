package io.goldbackup.db;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the tables are: the service's own in {@code gold-backup.schema}, which Flyway manages; the game's in
 * {@code gold-backup.live.schema}, which the service reads (and a restore writes) but never creates, alters or drops.
 * Every connection searches the service's schema first and the game's second, so the SQL names tables without a
 * schema and still reads the game's tables where this configuration says. Plain properties rather than a mapping: the
 * keys sit at the root of {@code gold-backup.}, and Flyway's keys refer to them too (application.properties holds the
 * defaults, for both).
 */
@ApplicationScoped
public class SchemaConfig {

    private final String service;
    private final String live;

    SchemaConfig(@ConfigProperty(name = "gold-backup.schema") String service,
            @ConfigProperty(name = "gold-backup.live.schema") String live) {
        this.service = service;
        this.live = live;
    }

    /** The service's schema; default {@code gold_backup}. */
    public String service() {
        return service;
    }

    /** The schema of {@code gold_mining}, {@code owned_meks} and {@code players}; default {@code public}. */
    public String live() {
        return live;
    }
}
