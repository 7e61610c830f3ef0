package io.goldbackup.backup;

import java.util.Optional;

/**
 * The keys backups are sealed with: the entries of {@code GOLD_BACKUP_KEYS} (DESIGN.md, "Keys"), each with a sub-key
 * of its own for seals (HKDF, never the raw key). The first entry is current: new seals use it; the others still
 * verify the seals made with them. Implemented where the keys are parsed ({@code io.goldbackup.offsite.SealKeyring});
 * the database never holds a key.
 */
public interface SealKeys {

    /** The id of the key new seals use; empty when no key is configured (backups are then left unsealed). */
    Optional<String> currentId();

    /** HMAC-SHA256 of {@code message} under the seal sub-key of key {@code keyId}; empty when it is not configured. */
    Optional<byte[]> mac(String keyId, byte[] message);
}
