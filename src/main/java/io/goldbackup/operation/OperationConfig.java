package io.goldbackup.operation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How operations end when the service stops. */
@ConfigMapping(prefix = "gold-backup.operation")
public interface OperationConfig {

    /**
     * On shutdown, after {@code quarkus.shutdown.timeout}, how long to wait for operations in flight to end (running
     * backups are cancelled, rolled back and marked failed); default 20 s.
     */
    @WithDefault("20s")
    Duration shutdownWait();
}
