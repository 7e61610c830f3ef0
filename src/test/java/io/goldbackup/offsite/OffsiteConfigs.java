package io.goldbackup.offsite;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@link OffsiteConfig} from properties or environment variables, as Quarkus maps it, without booting Quarkus. */
final class OffsiteConfigs {

    private OffsiteConfigs() {
    }

    /** The mapping of {@code properties}, such as {@code gold-backup.offsite.targets.primary.bucket}. */
    static OffsiteConfig of(Map<String, String> properties) {
        return build(new PropertiesConfigSource(properties, "test", 400));
    }

    /** The mapping of environment variables, such as {@code GOLD_BACKUP_OFFSITE_TARGETS_PRIMARY_BUCKET}. */
    static OffsiteConfig ofEnvironment(Map<String, String> variables) {
        return build(new EnvConfigSource(variables, 300));
    }

    private static OffsiteConfig build(ConfigSource source) {
        return new SmallRyeConfigBuilder()
                .withSources(source)
                // Quarkus' own converters, for "1m" and "8M" as application.properties spells them.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(OffsiteConfig.class)
                .build()
                .getConfigMapping(OffsiteConfig.class);
    }
}
