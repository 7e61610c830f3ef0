package io.goldbackup.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long backups are kept, per type, as the seed's RETENTION_PERIODS. Fixed at creation as expires_at. */
@ConfigMapping(prefix = "gold-backup.retention")
public interface RetentionConfig {

    /** Days to keep each type. */
    Days days();

    /** The newest completed backups that cleanup never deletes, whatever their age; default 2. */
    @WithDefault("2")
    int keepNewest();

    /** Days per backup type. */
    interface Days {
        /** {@code auto_daily}; default 30. */
        @WithDefault("30")
        int autoDaily();

        /** {@code manual}; default 30. */
        @WithDefault("30")
        int manual();

        /** {@code pre_update}; default 30. */
        @WithDefault("30")
        int preUpdate();

        /** {@code pre_migration}; default 60. */
        @WithDefault("60")
        int preMigration();

        /** {@code emergency}; default 90. */
        @WithDefault("90")
        int emergency();
    }
}
