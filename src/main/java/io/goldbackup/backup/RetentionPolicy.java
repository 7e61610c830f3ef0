package io.goldbackup.backup;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** When a backup of a type expires, from the configured retention. */
@ApplicationScoped
public class RetentionPolicy {

    private final RetentionConfig config;

    RetentionPolicy(RetentionConfig config) {
        this.config = config;
    }

    /** Days a backup of {@code type} is kept. */
    public int daysFor(BackupType type) {
        RetentionConfig.Days days = config.days();
        return switch (type) {
            case AUTO_DAILY -> days.autoDaily();
            case MANUAL -> days.manual();
            case PRE_UPDATE -> days.preUpdate();
            case PRE_MIGRATION -> days.preMigration();
            case EMERGENCY -> days.emergency();
        };
    }

    /** The expiry of a backup of {@code type} taken at {@code takenAt}. */
    public Instant expiresAt(BackupType type, Instant takenAt) {
        return takenAt.plus(Duration.ofDays(daysFor(type)));
    }
}
