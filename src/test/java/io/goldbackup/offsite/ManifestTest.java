package io.goldbackup.offsite;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manifests: signing, canonical JSON, strict parsing, and verification that catches any change. */
class ManifestTest {

    private static final String OLD_ENTRY = BackupKeys.generate("k1");
    private static final BackupKeys KEYS = BackupKeys.parse(OLD_ENTRY);
    private static final String UUID = "6f1c2a8e-5b7d-4c3e-9f0a-1b2c3d4e5f60";
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    static Manifest.Builder backup() {
        return Manifest.builder()
                .uuid(UUID)
                .backupId(7)
                .backupTimestamp(Instant.parse("2026-11-29T03:00:00.654321Z"))
                .backupType("manual")
                .backupName("Before the season reset")
                .totalUsersBackedUp(1_000_000)
                .totals(48_213_472.916666665, 183.26999999999998)
                .checksum("0123456789abcdef".repeat(4))
                .createdAt(Instant.parse("2026-11-29T03:10:00Z"))
                .object(new Manifest.StoredObject(UUID + "/part-00001", 104_857_600, SHA_A))
                .object(new Manifest.StoredObject(UUID + "/part-00002", 1_234, SHA_B));
    }

    @Test
    void aSignedManifestSurvivesJsonAndVerifies() {
        Manifest signed = backup().sign(CopyFormat.forNewCopies(KEYS));

        Manifest parsed = Manifest.parse(signed.toJson());

        assertEquals(signed, parsed);
        assertEquals(Manifest.FORMAT_VERSION, parsed.formatVersion());
        assertEquals("k1", parsed.keyId());
        assertEquals("zstd-1", parsed.compression());
        assertEquals("AES256_GCM_HKDF_1MB", parsed.cipher());
        assertEquals(List.of(UUID + "/part-00001", UUID + "/part-00002"),
                parsed.objects().stream().map(Manifest.StoredObject::key).toList());
        assertDoesNotThrow(() -> parsed.verify(KEYS));
    }

    @Test
    void theJsonHasSortedKeysIsoInstantsAndTheMacOutsideWhatItCovers() {
        Manifest signed = backup().sign(CopyFormat.forNewCopies(KEYS));
        String canonical = signed.canonicalJson();

        assertTrue(canonical.startsWith("{\"backupId\":7,\"backupName\":\"Before the season reset\","
                + "\"backupTimestamp\":\"2026-11-29T03:00:00.654321Z\","), canonical);
        assertTrue(canonical.contains("\"objects\":[{\"bytes\":104857600,\"key\":"), canonical);
        assertTrue(canonical.contains("\"totals\":{\"totalGold\":4.8213472916666664E7,"
                + "\"totalGoldPerHour\":183.26999999999998}"), canonical);
        assertFalse(canonical.contains("mac"));
        assertTrue(signed.toJson().contains("\"keyId\":\"k1\",\"mac\":\"" + signed.mac() + "\",\"objects\""));
    }

    /** Awkward doubles: each must come back as the same value, or the recomputed MAC would differ. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.30000000000000004, 2.0E23, 1.0E-7, 9007199254740993.0, 1.7976931348623157E308})
    void totalsSurviveJsonExactly(double total) {
        Manifest signed = backup().totals(total, total).sign(CopyFormat.forNewCopies(KEYS));

        Manifest parsed = Manifest.parse(signed.toJson());

        assertEquals(total, parsed.totals().totalGold());
        assertDoesNotThrow(() -> parsed.verify(KEYS));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("\"backupId\":7", "\"backupId\":8"),
                Arguments.of("\"totalUsersBackedUp\":1000000", "\"totalUsersBackedUp\":999999"),
                Arguments.of("\"totalGoldPerHour\":183.26999999999998", "\"totalGoldPerHour\":183.27"),
                Arguments.of("\"backupName\":\"Before the season reset\"", "\"backupName\":\"Before the reset\""),
                Arguments.of("\"backupType\":\"manual\"", "\"backupType\":\"emergency\""),
                Arguments.of("\"bytes\":1234", "\"bytes\":1235"),
                Arguments.of(SHA_B, SHA_A.substring(0, 63) + "c"),
                Arguments.of("\"createdAt\":\"2026-11-29T03:10:00Z\"", "\"createdAt\":\"2026-11-29T03:10:01Z\""),
                Arguments.of("\"compression\":\"zstd-1\"", "\"compression\":\"zstd-3\""),
                Arguments.of("/part-00002", "/part-00003"));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void aChangedFieldFailsVerification(String before, String after) {
        String json = backup().sign(CopyFormat.forNewCopies(KEYS)).toJson();
        assertTrue(json.contains(before), json);
        Manifest changed = Manifest.parse(json.replace(before, after));

        ManifestException e = assertThrows(ManifestException.class, () -> changed.verify(KEYS));

        assertTrue(e.getMessage().startsWith("manifest of backup " + UUID + " does not match its MAC"),
                e.getMessage());
    }

    @Test
    void aMacFromAnotherKeyOfTheSameIdFailsVerification() {
        Manifest signed = backup().sign(CopyFormat.forNewCopies(KEYS));
        BackupKeys impostor = BackupKeys.parse(BackupKeys.generate("k1"));

        assertThrows(ManifestException.class, () -> signed.verify(impostor));
    }

    @Test
    void anUnknownKeyIdFailsVerification() {
        Manifest signed = backup().sign(CopyFormat.forNewCopies(KEYS));
        BackupKeys others = BackupKeys.parse(BackupKeys.generate("k2"));

        ManifestException e = assertThrows(ManifestException.class, () -> signed.verify(others));

        assertEquals("manifest of backup " + UUID + " was signed with key 'k1', which is not in GOLD_BACKUP_KEYS",
                e.getMessage());
        assertThrows(ManifestException.class, () -> CopyFormat.forManifest(signed, others));
    }

    @Test
    void aManifestSignedBeforeARotationStillVerifiesAndReads() {
        Manifest signed = backup().sign(CopyFormat.forNewCopies(KEYS));
        BackupKeys rotated = BackupKeys.parse(BackupKeys.generate("k2") + "," + OLD_ENTRY);

        assertDoesNotThrow(() -> signed.verify(rotated));
        assertEquals("k1", CopyFormat.forManifest(signed, rotated).key().id());
        assertEquals(new Compression(1), CopyFormat.forManifest(signed, rotated).compression());
    }

    @Test
    void theSnapshotVersionIsSignedWhenNamedAndVersion1WhenAbsent() {
        Manifest tree = Manifest.parse(backup().snapshotVersion(2).sign(CopyFormat.forNewCopies(KEYS)).toJson());
        assertEquals(2, tree.rowsVersion());
        tree.verify(KEYS);
        String json = backup().sign(CopyFormat.forNewCopies(KEYS)).toJson();
        assertFalse(json.contains("snapshotVersion"), "a version-1 copy's manifest is as it always was");
        assertEquals(1, Manifest.parse(json).rowsVersion());
        Manifest changed = Manifest.parse(tree.toJson().replace("\"snapshotVersion\":2", "\"snapshotVersion\":1"));
        assertThrows(ManifestException.class, () -> changed.verify(KEYS));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse(tree.toJson().replace("\"snapshotVersion\":2", "\"snapshotVersion\":3")))
                .getMessage().contains("snapshotVersion"));
    }

    @Test
    void anUnsignedManifestNeitherVerifiesNorIsStored() {
        Manifest signed = backup().sign(CopyFormat.forNewCopies(KEYS));
        Manifest unsigned = new Manifest(1, UUID, 7, signed.backupTimestamp(), "manual", "x", 1, signed.totals(),
                signed.checksum(), null, "k1", "zstd-1", StreamCipher.NAME, signed.createdAt(), signed.objects(), null);

        assertEquals("manifest of backup " + UUID + " is not signed",
                assertThrows(ManifestException.class, () -> unsigned.verify(KEYS)).getMessage());
        assertThrows(IllegalStateException.class, unsigned::toJson);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("\"formatVersion\":1", "\"formatVersion\":2",
                        "manifest field 'formatVersion' is 2; this service reads format 1"),
                Arguments.of("\"formatVersion\":1", "\"formatVersion\":\"1\"",
                        "manifest field 'formatVersion' is \"1\"; this service reads format 1"),
                Arguments.of("{\"backupId\"", "{\"comment\":\"hi\",\"backupId\"",
                        "manifest has an unknown field 'comment'"),
                Arguments.of("\"totalGold\":", "\"currency\":\"gold\",\"totalGold\":",
                        "manifest has an unknown field 'totals.currency'"),
                Arguments.of("\"bytes\":1234,", "\"bytes\":1234,\"etag\":\"x\",",
                        "manifest has an unknown field 'objects[1].etag'"),
                Arguments.of("\"checksum\":\"" + "0123456789abcdef".repeat(4) + "\",", "",
                        "manifest field 'checksum' is missing"),
                Arguments.of("\"backupId\":7", "\"backupId\":\"7\"", "manifest field 'backupId' has the wrong type"),
                Arguments.of("\"backupId\":7", "\"backupId\":7.5", "manifest field 'backupId' has the wrong type"),
                Arguments.of("\"backupId\":7", "\"backupId\":7,\"backupId\":8", "Duplicate field 'backupId'"),
                Arguments.of("\"keyId\":\"k1\"", "\"keyId\":\"K1\"", "manifest field 'keyId' must be 1 to 32"),
                Arguments.of("\"cipher\":\"AES256_GCM_HKDF_1MB\"", "\"cipher\":\"AES128_GCM_HKDF_4KB\"",
                        "manifest field 'cipher' must be AES256_GCM_HKDF_1MB"),
                Arguments.of("\"uuid\":\"" + UUID + "\"", "\"uuid\":\"" + UUID.toUpperCase() + "\"",
                        "manifest field 'uuid' must be a UUID in lower-case canonical form"),
                Arguments.of(SHA_B, "B".repeat(64), "manifest field 'objects[].sha256' must be 64 lower-case hex"),
                Arguments.of("\"objects\":[", "\"objects\":[],\"ignored\":[", "manifest has an unknown field"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aManifestOutOfFormIsRefusedNamingTheField(String before, String after, String expected) {
        String json = backup().sign(CopyFormat.forNewCopies(KEYS)).toJson();
        assertTrue(json.contains(before), json);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse(json.replaceFirst(Pattern.quote(before),
                        Matcher.quoteReplacement(after))));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "not json", "{\"formatVersion\":1} {}", "null"})
    void somethingElseThanAManifestIsRefused(String json) {
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(json));
    }

    @Test
    void signingWithoutAFieldNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backup().checksum(null).sign(CopyFormat.forNewCopies(KEYS)));

        assertEquals("manifest field 'checksum' must be 64 lower-case hex digits", e.getMessage());
        assertEquals("manifest field 'objects' must list at least one object",
                assertThrows(IllegalArgumentException.class, () -> Manifest.builder().uuid(UUID).backupId(1)
                        .backupTimestamp(Instant.EPOCH).backupType("manual").backupName("").totals(0, 0)
                        .checksum(SHA_A).createdAt(Instant.EPOCH).sign(CopyFormat.forNewCopies(KEYS)))
                        .getMessage());
    }

    /** A manifest signed by format version 1 on 2026-11-30: it must verify, and describe its object, forever. */
    @Test
    void aManifestWrittenByFormatVersionOneStillVerifies() {
        BackupKeys keys = BackupKeys.parse(GoldenVectors.KEYS);
        Manifest manifest = Manifest.parse(GoldenVectors.MANIFEST_JSON);

        assertDoesNotThrow(() -> manifest.verify(keys));
        assertEquals(GoldenVectors.MANIFEST_JSON, manifest.toJson());
        byte[] object = Base64.getDecoder().decode(GoldenVectors.OBJECT_BASE64);
        assertEquals(object.length, manifest.objects().get(0).bytes());
        assertEquals(sha256(object), manifest.objects().get(0).sha256());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
