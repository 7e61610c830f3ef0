package io.goldbackup.offsite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GOLD_BACKUP_KEYS}: parsing, the errors and what they never show, and the derivation of sub-keys. */
class BackupKeysTest {

    /** 32 bytes whose standard base64 has '+' and '/', so a URL-safe spelling of it differs. */
    private static final byte[] RAW = rawKey();
    private static final String KEY = Base64.getEncoder().encodeToString(RAW);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(reversed(RAW));

    @Test
    void theFirstEntryIsCurrentAndTheOthersAreFoundById() {
        BackupKeys keys = BackupKeys.parse(" k2:" + KEY + " , k1:" + OTHER_KEY + " ");

        assertEquals("k2", keys.current().id());
        assertEquals(List.of("k2", "k1"), keys.ids());
        assertEquals("k1", keys.byId("k1").orElseThrow().id());
        assertEquals(Optional.empty(), keys.byId("k0"));
    }

    @Test
    void generatedEntriesAreFreshThirtyTwoByteKeysThatParse() {
        String first = BackupKeys.generate("2026-11");
        String second = BackupKeys.generate("2026-11");

        assertNotEquals(first, second);
        assertTrue(first.startsWith("2026-11:"));
        assertEquals(32, Base64.getDecoder().decode(first.substring("2026-11:".length())).length);
        assertEquals("2026-11", BackupKeys.parse(first).current().id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "UPPER", "under_score", "a-very-long-key-id-of-thirty-three"})
    void generateRefusesAnInvalidId(String id) {
        assertThrows(IllegalArgumentException.class, () -> BackupKeys.generate(id));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void anEmptyValueIsRefused(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackupKeys.parse(value));

        assertEquals("GOLD_BACKUP_KEYS is empty: it needs at least one id:base64 entry of 32 random bytes",
                e.getMessage());
    }

    static Stream<Arguments> badEntries() {
        String sixteen = Base64.getEncoder().encodeToString(Arrays.copyOf(RAW, 16));
        String urlSafe = Base64.getUrlEncoder().encodeToString(RAW);
        String thirtyFive = Base64.getEncoder().encodeToString(Arrays.copyOf(RAW, 35));
        String zeros = Base64.getEncoder().encodeToString(new byte[32]);
        return Stream.of(
                Arguments.of("k1:" + sixteen, "entry 1 (key id 'k1') is 16 bytes; a key is exactly 32 random bytes",
                        sixteen),
                Arguments.of("k1:" + KEY + ",k2:" + thirtyFive, "entry 2 (key id 'k2') is 35 bytes", thirtyFive),
                Arguments.of("k1:" + urlSafe, "entry 1 (key id 'k1') is not valid standard base64", urlSafe),
                Arguments.of("k1:" + KEY.substring(1), "entry 1 (key id 'k1') is not valid standard base64", KEY),
                Arguments.of("k1:" + KEY + ",k1:" + OTHER_KEY, "entry 2 repeats key id 'k1' of entry 1", OTHER_KEY),
                Arguments.of("k1:" + KEY + ",k2:" + KEY, "entry 2 (key id 'k2') repeats the key of entry 1", KEY),
                Arguments.of("k1:" + KEY + ",", "entry 2 is empty", KEY),
                Arguments.of(KEY, "entry 1 has no ':' between the key id and the key", KEY),
                Arguments.of(KEY + ":" + KEY, "entry 1 has an invalid key id", KEY),
                Arguments.of("K1:" + KEY, "entry 1 has an invalid key id", KEY),
                Arguments.of("k1:" + zeros, "entry 1 (key id 'k1') is one byte repeated 32 times", zeros));
    }

    @ParameterizedTest
    @MethodSource("badEntries")
    void aBadEntryIsNamedWithoutItsKey(String value, String expected, String keyMaterial) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackupKeys.parse(value));

        assertTrue(e.getMessage().startsWith("GOLD_BACKUP_KEYS " + expected), e.getMessage());
        assertEquals(null, e.getCause(), "a JDK cause would quote the key");
        // Not the key, and not a piece of it: any 6 characters in a row of the base64.
        for (int i = 0; i + 6 <= keyMaterial.length(); i++) {
            String piece = keyMaterial.substring(i, i + 6);
            assertFalse(e.getMessage().contains(piece), "the message quotes '" + piece + "': " + e.getMessage());
        }
    }

    @Test
    void toStringNamesIdsOnly() {
        BackupKeys keys = BackupKeys.parse("k2:" + KEY + ",k1:" + OTHER_KEY);

        assertEquals("BackupKeys[current=k2, ids=[k2, k1]]", keys.toString());
        assertEquals("BackupKey[k2]", keys.current().toString());
    }

    /**
     * The derivation pinned against an independent HKDF-SHA256 (RFC 5869, empty salt) with the labels spelled out: a
     * change of label or algorithm would make every existing copy unreadable, so it must fail here first.
     */
    @Test
    void theSubKeysAreHkdfSha256OfTheRawKeyUnderTheirOwnLabels() throws GeneralSecurityException {
        BackupKey key = BackupKeys.parse("k1:" + KEY).current();

        assertArrayEquals(hkdfSha256(RAW, "gold-backup/v1/encryption"), key.encryptionKey());
        assertArrayEquals(hkdfSha256(RAW, "gold-backup/v1/manifest-mac"), key.manifestMacKey());
        assertArrayEquals(hkdfSha256(RAW, "gold-backup/v1/backup-seal"), key.sealMacKey());
        assertFalse(Arrays.equals(RAW, key.encryptionKey()));
        assertFalse(Arrays.equals(RAW, key.manifestMacKey()));
        assertFalse(Arrays.equals(RAW, key.sealMacKey()));
        assertFalse(Arrays.equals(key.encryptionKey(), key.manifestMacKey()));
        assertFalse(Arrays.equals(key.sealMacKey(), key.manifestMacKey()));
        assertFalse(Arrays.equals(key.sealMacKey(), key.encryptionKey()));
    }

    /** A seal is HMAC-SHA256 under the seal sub-key, never under the raw key or another use's key. */
    @Test
    void aSealIsHmacSha256UnderTheSealSubKey() throws GeneralSecurityException {
        BackupKey key = BackupKeys.parse("k1:" + KEY).current();
        byte[] message = "gold-backup-seal/v1\n".getBytes(StandardCharsets.UTF_8);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(hkdfSha256(RAW, "gold-backup/v1/backup-seal"), "HmacSHA256"));

        assertArrayEquals(hmac.doFinal(message), key.sealMac(message));
    }

    /** RFC 5869 for one block of output: PRK = HMAC(zeros, IKM); OKM = HMAC(PRK, info || 0x01). */
    private static byte[] hkdfSha256(byte[] ikm, String info) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(info.getBytes(StandardCharsets.UTF_8));
        return expand.doFinal(new byte[]{1});
    }

    private static byte[] rawKey() {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (0xfb - 7 * i);
        }
        String base64 = Base64.getEncoder().encodeToString(raw);
        if (!base64.contains("+") && !base64.contains("/")) {
            throw new IllegalStateException("the test key must differ between base64 alphabets");
        }
        return raw;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] r = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            r[i] = bytes[bytes.length - 1 - i];
        }
        return r;
    }
}
