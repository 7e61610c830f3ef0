package io.goldbackup.offsite;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.goldbackup.backup.SealKeys;

/**
 * The backups' seal keys from {@code GOLD_BACKUP_KEYS} ({@code gold-backup.keys}), the same entries as the off-site
 * copies' keys, with a sub-key of their own ({@link BackupKey#sealMac}). Without keys, backups are left unsealed (the
 * verification says so); with off-site targets a key is required anyway ({@link OffsiteKeys}).
 */
@ApplicationScoped
class SealKeyring implements SealKeys {

    private final Optional<BackupKeys> keys;

    SealKeyring(@ConfigProperty(name = "gold-backup.keys") Optional<String> value) {
        this.keys = value.filter(v -> !v.isBlank()).map(BackupKeys::parse);
    }

    @Override
    public Optional<String> currentId() {
        return keys.map(k -> k.current().id());
    }

    @Override
    public Optional<byte[]> mac(String keyId, byte[] message) {
        return keys.flatMap(k -> k.byId(keyId)).map(k -> k.sealMac(message));
    }
}
