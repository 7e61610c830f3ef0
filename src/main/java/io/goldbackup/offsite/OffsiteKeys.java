package io.goldbackup.offsite;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * The keys of the off-site copies, from {@code GOLD_BACKUP_KEYS} ({@code gold-backup.keys}): the environment (a
 * Kubernetes Secret), never the database. With targets configured and no key, the service refuses to start.
 */
@ApplicationScoped
public class OffsiteKeys {

    private final Optional<BackupKeys> keys;
    private final boolean targets;

    OffsiteKeys(@ConfigProperty(name = "gold-backup.keys") Optional<String> value, OffsiteConfig config) {
        this.keys = value.filter(v -> !v.isBlank()).map(BackupKeys::parse);
        this.targets = !config.targets().isEmpty();
    }

    void check(@Observes StartupEvent event) {
        if (targets && keys.isEmpty()) {
            throw new IllegalStateException("Off-site targets are configured but " + BackupKeys.ENVIRONMENT_VARIABLE
                    + " holds no key: set it to id:base64 entries of 32 random bytes each (the first is current)");
        }
    }

    /** The keys; refused with a clear problem when none are configured. */
    public BackupKeys get() {
        return keys.orElseThrow(() -> new OffsiteRefusedException(
                BackupKeys.ENVIRONMENT_VARIABLE + " holds no key: off-site copies cannot be written or read"));
    }
}
