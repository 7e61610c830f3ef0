package io.goldbackup.drill;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Restore drills: what their measured recovery time is held against. */
@ConfigMapping(prefix = "gold-backup.drill")
public interface DrillConfig {

    /**
     * The recovery time objective a drill's measured recovery is shown against (the original system's "less than one
     * hour"); default 1 h.
     */
    @WithDefault("PT1H")
    Duration recoveryObjective();
}
