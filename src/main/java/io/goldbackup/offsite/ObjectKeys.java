package io.goldbackup.offsite;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where a backup's copy lives in a bucket (below the target's prefix): {@code backups/<uuid>/manifest.json} and
 * {@code backups/<uuid>/wallets.copy.zst.enc}. Named by the backup's globally unique id, never its local id, so a
 * database rebuilt after a disaster (ids from 1 again) never overwrites an old copy.
 */
final class ObjectKeys {

    static final String ROOT = "backups/";
    static final String MANIFEST = "manifest.json";

    private ObjectKeys() {
    }

    static String manifest(UUID uuid) {
        return ROOT + uuid + "/" + MANIFEST;
    }

    static String wallets(UUID uuid) {
        return ROOT + uuid + "/wallets.copy.zst.enc";
    }

    /** The associated data binding an object's ciphertext to its place, independent of the target's prefix. */
    static byte[] associatedData(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
