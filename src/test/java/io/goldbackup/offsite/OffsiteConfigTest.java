package io.goldbackup.offsite;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.goldbackup.backup.BackupType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsiteConfigTest {

    @Test
    void noTargetsIsAValidConfigurationWithTheFeatureOff() {
        OffsiteConfig config = OffsiteConfigs.of(Map.of());

        assertTrue(config.targets().isEmpty());
        ObjectStores.validate(config);
        assertTrue(new ObjectStores(config, java.time.Clock.systemUTC()).names().isEmpty());
        assertEquals(Optional.empty(), new ObjectStores(config, java.time.Clock.systemUTC()).target("primary"));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        OffsiteConfig config = OffsiteConfigs.of(Map.of("gold-backup.offsite.targets.primary.bucket", "b"));
        OffsiteConfig.Target target = config.targets().get("primary");

        assertEquals(Optional.empty(), target.endpoint());
        assertEquals("us-east-1", target.region());
        assertEquals(Optional.empty(), target.prefix());
        assertFalse(target.pathStyle());
        assertEquals(Optional.empty(), target.accessKeyId());
        assertEquals(Optional.empty(), target.secretAccessKey());
        assertEquals(Optional.empty(), target.objectLockDays());
        assertEquals(Optional.empty(), config.copyTypes());
        for (BackupType type : BackupType.values()) {
            assertTrue(config.copies(type), type.wire());
        }
        OffsiteConfig.Days days = config.retention().days();
        assertEquals(List.of(90, 90, 90, 180, 365), List.of(days.of(BackupType.AUTO_DAILY), days.of(BackupType.MANUAL),
                days.of(BackupType.PRE_UPDATE), days.of(BackupType.PRE_MIGRATION), days.of(BackupType.EMERGENCY)));
        assertEquals(Duration.ofMinutes(1), config.retryBackoff());
        assertEquals(5, config.maxAttempts());
        assertEquals(8L * 1024 * 1024, config.partSize().asLongValue());
        assertEquals(Duration.ofHours(2), config.indicatorAllowance());
    }

    @Test
    void everyKeyIsReadFromItsDocumentedName() {
        String t = "gold-backup.offsite.targets.eu1.";
        OffsiteConfig config = OffsiteConfigs.of(Map.ofEntries(Map.entry(t + "endpoint", "https://s3.example:9000"),
                Map.entry(t + "region", "eu-central-1"), Map.entry(t + "bucket", "gold"),
                Map.entry(t + "prefix", "prod/"), Map.entry(t + "path-style", "true"),
                Map.entry(t + "access-key-id", "AKIA1"), Map.entry(t + "secret-access-key", "s3cr3t"),
                Map.entry(t + "object-lock-days", "30"),
                Map.entry("gold-backup.offsite.copy-types", "auto_daily,emergency"),
                Map.entry("gold-backup.offsite.retention.days.pre-migration", "200"),
                Map.entry("gold-backup.offsite.retry-backoff", "30s"),
                Map.entry("gold-backup.offsite.max-attempts", "3"),
                Map.entry("gold-backup.offsite.part-size", "16M"),
                Map.entry("gold-backup.offsite.indicator-allowance", "PT4H")));
        OffsiteConfig.Target target = config.targets().get("eu1");

        assertEquals(Optional.of(URI.create("https://s3.example:9000")), target.endpoint());
        assertEquals("eu-central-1", target.region());
        assertEquals("gold", target.bucket());
        assertEquals(Optional.of("prod/"), target.prefix());
        assertTrue(target.pathStyle());
        assertEquals(Optional.of("AKIA1"), target.accessKeyId());
        assertEquals(Optional.of("s3cr3t"), target.secretAccessKey());
        assertEquals(Optional.of(30), target.objectLockDays());
        assertTrue(config.copies(BackupType.AUTO_DAILY));
        assertFalse(config.copies(BackupType.MANUAL));
        assertTrue(config.copies(BackupType.EMERGENCY));
        assertEquals(200, config.retention().days().preMigration());
        assertEquals(Duration.ofSeconds(30), config.retryBackoff());
        assertEquals(3, config.maxAttempts());
        assertEquals(16L * 1024 * 1024, config.partSize().asLongValue());
        assertEquals(Duration.ofHours(4), config.indicatorAllowance());
        ObjectStores.validate(config);
    }

    @Test
    void targetsComeFromEnvironmentVariablesWithLowerCaseNames() {
        OffsiteConfig config = OffsiteConfigs.ofEnvironment(Map.of("GOLD_BACKUP_OFFSITE_TARGETS_DR2_BUCKET", "gold",
                "GOLD_BACKUP_OFFSITE_TARGETS_DR2_PATH_STYLE", "true",
                "GOLD_BACKUP_OFFSITE_TARGETS_DR2_OBJECT_LOCK_DAYS", "7"));

        assertEquals(List.of("dr2"), List.copyOf(config.targets().keySet()));
        assertEquals("gold", config.targets().get("dr2").bucket());
        assertTrue(config.targets().get("dr2").pathStyle());
        assertEquals(Optional.of(7), config.targets().get("dr2").objectLockDays());
        ObjectStores.validate(config);
    }

    @Test
    void aTargetNameOtherThanLowerCaseLettersAndDigitsStopsTheStart() {
        for (String name : List.of("Primary", "eu-west", "dr_2")) {
            OffsiteConfig config = OffsiteConfigs.of(Map.of("gold-backup.offsite.targets." + name + ".bucket", "b"));

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ObjectStores.validate(config));
            assertTrue(e.getMessage().contains("target name '" + name + "' must be lower-case letters and digits"),
                    e.getMessage());
        }
    }

    @Test
    void halfAKeyPairAnUnknownTypeAndATinyPartAreAllNamed() {
        Map<String, String> properties = new HashMap<>();
        properties.put("gold-backup.offsite.targets.primary.bucket", "b");
        properties.put("gold-backup.offsite.targets.primary.access-key-id", "AKIA1");
        properties.put("gold-backup.offsite.copy-types", "auto_daily,weekly");
        properties.put("gold-backup.offsite.part-size", "1M");
        OffsiteConfig config = OffsiteConfigs.of(properties);

        String message = assertThrows(IllegalStateException.class, () -> ObjectStores.validate(config)).getMessage();
        assertTrue(message.contains("give both access-key-id and secret-access-key, or neither"), message);
        assertTrue(message.contains("unknown backup type 'weekly'"), message);
        assertTrue(message.contains("part-size must be between 5M and 512M"), message);
    }

    @Test
    void aTargetWithoutABucketIsRefused() {
        assertThrows(RuntimeException.class,
                () -> OffsiteConfigs.of(Map.of("gold-backup.offsite.targets.primary.region", "eu-west-1")));
    }
}
