package io.goldbackup.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a backup is taken. */
@ConfigMapping(prefix = "gold-backup.backup")
public interface BackupConfig {

    /**
     * PostgreSQL {@code work_mem} for the snapshot transaction; default 256MB. The per-wallet mek aggregate is a
     * hash aggregate over a million groups, which spills to disk with PostgreSQL's 4MB default.
     */
    @WithDefault("256MB")
    String workMem();

    /** PostgreSQL {@code maintenance_work_mem} for building a backup's index; default 256MB. */
    @WithDefault("256MB")
    String maintenanceWorkMem();

    /** The application version recorded as system_version; default the build's version. */
    @WithDefault("${quarkus.application.version:unknown}")
    String systemVersion();

}
