package io.goldbackup.offsite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.subtle.Hkdf;

/**
 * One entry of {@code GOLD_BACKUP_KEYS}: its id and the sub-keys derived from it. The raw key is used only as HKDF
 * input and wiped once the sub-keys exist, so no code path can use it directly: each use (stream encryption, manifest
 * MACs, backup seals) has a key of its own, and a weakness in one use cannot leak into another.
 * <p>
 * Callers pass a {@code BackupKey} to {@link CopyFormat} and {@link StreamCipher}, or ask it for a seal
 * ({@link #sealMac}); the sub-keys stay in this package.
 */
public final class BackupKey {

    /** HKDF {@code info} labels: one per use. A new use gets a new label, never a shared one. */
    static final String ENCRYPTION_LABEL = "gold-backup/v1/encryption";
    static final String MANIFEST_MAC_LABEL = "gold-backup/v1/manifest-mac";
    static final String SEAL_MAC_LABEL = "gold-backup/v1/backup-seal";

    /** The size of a raw key and of every sub-key: 256 bits. */
    static final int KEY_BYTES = 32;

    private final String id;
    private final byte[] encryptionKey;
    private final byte[] manifestMacKey;
    private final byte[] sealMacKey;
    private final StreamCipher cipher;

    /** Derives the sub-keys from {@code rawKey} and then wipes it. */
    BackupKey(String id, byte[] rawKey) {
        if (rawKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("a backup key is " + KEY_BYTES + " bytes");
        }
        this.id = id;
        try {
            this.encryptionKey = derive(rawKey, ENCRYPTION_LABEL);
            this.manifestMacKey = derive(rawKey, MANIFEST_MAC_LABEL);
            this.sealMacKey = derive(rawKey, SEAL_MAC_LABEL);
        } finally {
            Arrays.fill(rawKey, (byte) 0);
        }
        this.cipher = new StreamCipher(encryptionKey);
    }

    /** The key's id, as written in {@code GOLD_BACKUP_KEYS} and in every manifest it signs. */
    public String id() {
        return id;
    }

    /** The streaming cipher over this key's encryption sub-key. */
    public StreamCipher cipher() {
        return cipher;
    }

    /** The sub-key for manifest MACs. Package-private: only {@link Manifest} computes MACs. */
    byte[] manifestMacKey() {
        return manifestMacKey.clone();
    }

    /**
     * HMAC-SHA256 of {@code message} under the sub-key for backup seals: the seal a backup carries in the database
     * (see {@code io.goldbackup.backup.BackupSeal}). The sub-key never leaves this class.
     */
    public byte[] sealMac(byte[] message) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(sealMacKey, "HmacSHA256"));
            return hmac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // HMAC-SHA256 is in every JDK; its absence is a broken runtime, not bad input.
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The sub-key for backup seals; exposed to the tests, which check that it is none of the others. */
    byte[] sealMacKey() {
        return sealMacKey.clone();
    }

    /** The sub-key for stream encryption; exposed to the tests, which check that it is not the raw key. */
    byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    /**
     * HKDF-SHA256 (RFC 5869) with no salt: the input is already 32 uniformly random bytes, so the extract step needs
     * none, and the distinct {@code info} labels make the outputs independent.
     */
    private static byte[] derive(byte[] rawKey, String label) {
        try {
            return Hkdf.computeHkdf("HMACSHA256", rawKey, new byte[0], label.getBytes(StandardCharsets.UTF_8),
                    KEY_BYTES);
        } catch (GeneralSecurityException e) {
            // HMAC-SHA256 is in every JDK; its absence is a broken runtime, not bad input.
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }

    /** The id only: a key must never reach a log line. */
    @Override
    public String toString() {
        return "BackupKey[" + id + "]";
    }
}
