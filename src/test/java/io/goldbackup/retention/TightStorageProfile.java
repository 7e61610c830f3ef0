package io.goldbackup.retention;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Limits small enough to reach in a test: three backups, 1 MB. */
public class TightStorageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gold-backup.storage.max-backups", "3", "gold-backup.storage.max-size-mb", "1");
    }
}
