package io.goldbackup.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The benchmark's own boot: storage limits raised for 1M-wallet backups (about 290 MB each). */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gold-backup.storage.max-backups", "1000",
                "gold-backup.storage.max-size-mb", "100000",
                "gold-backup.storage.warn-size-mb", "100000");
    }
}
