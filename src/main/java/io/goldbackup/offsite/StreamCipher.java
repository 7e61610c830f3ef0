package io.goldbackup.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;

/**
 * Authenticated streaming encryption of an off-site object: Tink's streaming AEAD AES-256-GCM-HKDF with 1 MiB
 * ciphertext segments (Tink's {@code AES256_GCM_HKDF_1MB}). Each object gets a fresh random salt, from which HKDF
 * derives the object's own AES key; each segment is sealed on its own, with its number and a last-segment flag in
 * the nonce, so a reader detects a changed, reordered, dropped or truncated segment. Memory is one segment, whatever
 * the object's size.
 * <p>
 * The associated data binds a ciphertext to its object: the caller passes something that names the object (its key
 * below the target's prefix, say), and a ciphertext moved to another object does not decrypt.
 * <p>
 * Built with Tink's typed key API from raw key material ({@link AesGcmHkdfStreaming#create}): no keyset, no
 * protobuf, no registry.
 */
public final class StreamCipher {

    /** The name recorded in manifests: Tink's template of the same parameters. */
    public static final String NAME = "AES256_GCM_HKDF_1MB";

    /** Ciphertext segment size: Tink's 1 MB templates mean 1 MiB. */
    static final int SEGMENT_BYTES = 1 << 20;

    private final StreamingAead aead;

    /** Over the encryption sub-key of a {@link BackupKey}; obtain one with {@link BackupKey#cipher()}. */
    StreamCipher(byte[] encryptionKey) {
        try {
            AesGcmHkdfStreamingKey key = AesGcmHkdfStreamingKey.create(parameters(),
                    SecretBytes.copyFrom(encryptionKey, InsecureSecretKeyAccess.get()));
            this.aead = AesGcmHkdfStreaming.create(key);
        } catch (GeneralSecurityException e) {
            // Fixed, valid parameters and a 32-byte key: a failure here is a broken runtime, not bad input.
            throw new IllegalStateException("AES-256-GCM-HKDF streaming is not available", e);
        }
    }

    /** The parameters of Tink's {@code AES256_GCM_HKDF_1MB} template, spelled out. */
    static AesGcmHkdfStreamingParameters parameters() throws GeneralSecurityException {
        return AesGcmHkdfStreamingParameters.builder()
                .setKeySizeBytes(BackupKey.KEY_BYTES)
                .setDerivedAesGcmKeySizeBytes(32)
                .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                .setCiphertextSegmentSizeBytes(SEGMENT_BYTES)
                .build();
    }

    /**
     * A stream that encrypts what is written to it into {@code ciphertext}. Closing it writes the last segment and
     * closes {@code ciphertext}; without the close the object is truncated and will not decrypt.
     */
    public OutputStream encrypting(OutputStream ciphertext, byte[] associatedData) throws IOException {
        try {
            return aead.newEncryptingStream(ciphertext, requireAssociatedData(associatedData));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start encrypting", e);
        }
    }

    /**
     * A stream of the plaintext of {@code ciphertext}. A segment that fails authentication (a changed byte, the wrong
     * key, other associated data) ends the read with an {@link IOException}; a truncated object fails only when the
     * read reaches its end, so a caller must read to the end before it trusts the whole.
     */
    public InputStream decrypting(InputStream ciphertext, byte[] associatedData) throws IOException {
        try {
            return aead.newDecryptingStream(ciphertext, requireAssociatedData(associatedData));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start decrypting", e);
        }
    }

    /** Empty associated data would bind nothing: objects could be swapped unnoticed. */
    private static byte[] requireAssociatedData(byte[] associatedData) {
        if (associatedData == null || associatedData.length == 0) {
            throw new IllegalArgumentException("associated data must name the object");
        }
        return associatedData.clone();
    }
}
