package io.goldbackup.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The benchmark's own boot: storage limits raised for 1M-wallet backups (about 390 MB each), and restores in the steps
 * of the shipped default (100,000 wallets), not the tests' small ones.
 */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gold-backup.storage.max-backups", "1000",
                "gold-backup.storage.max-size-mb", "100000",
                "gold-backup.storage.warn-size-mb", "100000",
                "gold-backup.restore.chunk-size", "100000");
    }
}
