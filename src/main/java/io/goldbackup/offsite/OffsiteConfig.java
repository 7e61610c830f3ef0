package io.goldbackup.offsite;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.goldbackup.backup.BackupType;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Encrypted off-site copies of backups in S3-compatible object storage. No target configured: the feature is off.
 * Environment variables: {@code GOLD_BACKUP_OFFSITE_TARGETS_<NAME>_BUCKET} and so on, hence target names of
 * lower-case letters and digits only ({@link ObjectStores} refuses any other at start).
 */
@ConfigMapping(prefix = "gold-backup.offsite")
public interface OffsiteConfig {

    /** The object stores copies go to, by name; default none (the feature is off). */
    Map<String, Target> targets();

    /** Wire names of the backup types to copy ({@code auto_daily}, ...); default all. Never safety snapshots. */
    Optional<List<String>> copyTypes();

    /** How long copies are kept off-site, per backup type. */
    Retention retention();

    /** Wait before a failed copy is tried again; default 1 min. */
    @WithDefault("1m")
    Duration retryBackoff();

    /** Attempts at one copy before it is marked failed; default 5. */
    @WithDefault("5")
    int maxAttempts();

    /**
     * Size of one part of a multipart upload, and so the memory one upload holds; default 8M. S3 needs at least 5M
     * (the last part excepted) and allows 10,000 parts: 8M parts carry objects up to about 78 GiB.
     */
    @WithDefault("8M")
    MemorySize partSize();

    /**
     * How long after a backup completes its copies may still be missing before the health indicator fails;
     * default 2 h.
     */
    @WithDefault("2h")
    Duration indicatorAllowance();

    /** How often every replica tries again the copies whose retry time has come; default 1m ({@code off}: never). */
    @WithDefault("1m")
    String sweepInterval();

    /** One bucket (and prefix in it) in an S3-compatible object store. */
    interface Target {

        /** The S3 endpoint, such as {@code https://minio.example:9000}; default none: AWS's own for the region. */
        Optional<URI> endpoint();

        /** The signing region; default {@code us-east-1}. */
        @WithDefault("us-east-1")
        String region();

        /** The bucket; required, and it must exist. */
        String bucket();

        /** A folder in the bucket for the keys, such as {@code gold} ({@code /} added); default none (the root). */
        Optional<String> prefix();

        /** Path-style URLs ({@code endpoint/bucket/key}), as MinIO and s3proxy need; default false (virtual host). */
        @WithDefault("false")
        boolean pathStyle();

        /** Access key id; default none: with no secret either, the SDK's default credentials chain (IRSA, ...). */
        Optional<String> accessKeyId();

        /** Secret access key; default none. Set it from the environment or a Secret, never in a file in the repo. */
        Optional<String> secretAccessKey();

        /**
         * Days each new object is locked in S3 Object Lock compliance mode; default none (no lock). The bucket must
         * have Object Lock enabled.
         */
        Optional<Integer> objectLockDays();
    }

    /** Whether backups of {@code type} are copied, by {@link #copyTypes()}. */
    default boolean copies(BackupType type) {
        return copyTypes().map(types -> types.contains(type.wire())).orElse(true);
    }

    /** Off-site retention. */
    interface Retention {

        /** Days per backup type. */
        Days days();
    }

    /** Days to keep off-site copies, per backup type; longer than at home, as the last line of defence. */
    interface Days {

        /** {@code auto_daily}; default 90. */
        @WithDefault("90")
        int autoDaily();

        /** {@code manual}; default 90. */
        @WithDefault("90")
        int manual();

        /** {@code pre_update}; default 90. */
        @WithDefault("90")
        int preUpdate();

        /** {@code pre_migration}; default 180. */
        @WithDefault("180")
        int preMigration();

        /** {@code emergency}; default 365. */
        @WithDefault("365")
        int emergency();

        /** The days for {@code type}. */
        default int of(BackupType type) {
            return switch (type) {
                case AUTO_DAILY -> autoDaily();
                case MANUAL -> manual();
                case PRE_UPDATE -> preUpdate();
                case PRE_MIGRATION -> preMigration();
                case EMERGENCY -> emergency();
            };
        }
    }
}
