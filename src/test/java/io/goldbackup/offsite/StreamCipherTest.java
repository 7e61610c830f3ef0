package io.goldbackup.offsite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cipher is what its name in the manifest says. */
class StreamCipherTest {

    private static final BackupKey KEY = BackupKeys.parse(BackupKeys.generate("k1")).current();

    @Test
    void theParametersAreTinksAes256GcmHkdf1MbTemplate() throws GeneralSecurityException {
        assertEquals(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB, StreamCipher.parameters());
    }

    /**
     * 3 MiB of plaintext: a 40-byte header (length, 32-byte salt, 7-byte nonce prefix) and a 16-byte tag per
     * segment of 1 MiB ciphertext, the first segment sharing its MiB with the header: four segments.
     */
    @Test
    void aCiphertextSegmentIsOneMebibyte() throws IOException {
        byte[] plaintext = new byte[3 << 20];
        new SplittableRandom(3).nextBytes(plaintext);
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        try (OutputStream out = KEY.cipher().encrypting(ciphertext, new byte[]{1})) {
            out.write(plaintext);
        }

        assertEquals(plaintext.length + 40 + 4 * 16, ciphertext.size());
    }

    @Test
    void associatedDataMustNameTheObject() {
        assertThrows(IllegalArgumentException.class,
                () -> KEY.cipher().encrypting(new ByteArrayOutputStream(), new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> KEY.cipher().decrypting(InputStream.nullInputStream(), null));
    }
}
