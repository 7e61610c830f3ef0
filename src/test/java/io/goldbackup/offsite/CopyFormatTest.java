package io.goldbackup.offsite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The write and read chains of {@link CopyFormat}: what goes in comes out, and every kind of damage, misplacement or
 * wrong key is refused on the read side instead of yielding rows.
 */
class CopyFormatTest {

    /** About 4.4 MB of COPY text: two 1 MiB segments once compressed. */
    private static final byte[] ROWS = CopyRows.generate(15_000, 7);

    private static final byte[] AD = ad("0b8e7a52-2c43-4d7e-9a55-0d3f1c8f4a10/part-00001");

    private static final String OLD_ENTRY = BackupKeys.generate("k1");
    private static final BackupKeys KEYS = BackupKeys.parse(OLD_ENTRY);

    private static final int MIB = 1 << 20;

    @Test
    void aFewMegabytesOfRowsComeBackByteForByte() throws IOException {
        ByteArrayOutputStream storage = new ByteArrayOutputStream();
        CopyOutputStream copy = CopyFormat.forNewCopies(KEYS).writing(storage, AD);
        try (copy) {
            copy.write(ROWS);
        }
        byte[] stored = storage.toByteArray();

        assertEquals(ROWS.length, copy.plaintextBytes());
        assertEquals(stored.length, copy.storedBytes());
        assertEquals(sha256(stored), copy.storedSha256());
        assertEquals(new Manifest.StoredObject("x", stored.length, sha256(stored)), copy.storedObject("x"));
        assertTrue(stored.length > MIB, "the object spans more than one segment: " + stored.length);
        assertTrue(stored.length < ROWS.length / 2, "the rows are compressed: " + stored.length);
        assertFalse(contains(stored, Arrays.copyOf(ROWS, 20)), "the rows do not appear in the clear");
        assertArrayEquals(ROWS, read(CopyFormat.forNewCopies(KEYS), stored, AD));
    }

    @Test
    void anEmptyBackupIsAValidCopy() throws IOException {
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), new byte[0], AD);

        assertArrayEquals(new byte[0], read(CopyFormat.forNewCopies(KEYS), stored, AD));
    }

    @Test
    void theWrongKeyIsRefused() throws IOException {
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), ROWS, AD);
        BackupKeys other = BackupKeys.parse(BackupKeys.generate("k1"));

        assertThrows(IOException.class, () -> read(CopyFormat.forNewCopies(other), stored, AD));
    }

    /** Positions: the header's length byte, its salt, the first segment, the second, the last tag byte. */
    @ParameterizedTest
    @ValueSource(ints = {0, 10, 1000, MIB + 1000, -1})
    void aFlippedByteInTheCiphertextIsRefused(int position) throws IOException {
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), ROWS, AD);
        int at = position >= 0 ? position : stored.length + position;
        stored[at] ^= 0x01;

        assertThrows(IOException.class, () -> read(CopyFormat.forNewCopies(KEYS), stored, AD));
    }

    /** Cut inside the header, right after it, at the segment boundary, inside the last tag, by one byte. */
    @ParameterizedTest
    @ValueSource(ints = {0, 20, 40, MIB, -8, -1})
    void aTruncatedObjectIsRefused(int length) throws IOException {
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), ROWS, AD);
        byte[] truncated = Arrays.copyOf(stored, length >= 0 ? length : stored.length + length);

        assertThrows(IOException.class, () -> read(CopyFormat.forNewCopies(KEYS), truncated, AD));
    }

    @Test
    void bytesAppendedAfterTheEndAreRefused() throws IOException {
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), ROWS, AD);
        byte[] longer = Arrays.copyOf(stored, stored.length + 16);

        assertThrows(IOException.class, () -> read(CopyFormat.forNewCopies(KEYS), longer, AD));
    }

    @Test
    void anObjectMovedToAnotherObjectKeyIsRefused() throws IOException {
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), ROWS, AD);
        byte[] otherObject = ad("0b8e7a52-2c43-4d7e-9a55-0d3f1c8f4a10/part-00002");

        assertThrows(IOException.class, () -> read(CopyFormat.forNewCopies(KEYS), stored, otherObject));
    }

    @Test
    void aCopyMadeBeforeARotationStillReads() throws IOException {
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), ROWS, AD);
        BackupKeys rotated = BackupKeys.parse(BackupKeys.generate("k2") + "," + OLD_ENTRY);

        assertEquals("k2", CopyFormat.forNewCopies(rotated).key().id());
        CopyFormat old = new CopyFormat(rotated.byId("k1").orElseThrow(), Compression.DEFAULT);
        assertArrayEquals(ROWS, read(old, stored, AD));
        assertThrows(IOException.class, () -> read(CopyFormat.forNewCopies(rotated), stored, AD));
    }

    @Test
    void theStorageStreamIsFlushedAndLeftOpenForTheCaller() throws IOException {
        boolean[] closed = {false};
        int[] flushes = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream storage = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void flush() {
                flushes[0]++;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (CopyOutputStream copy = CopyFormat.forNewCopies(KEYS).writing(storage, AD)) {
            copy.write(ROWS, 0, 1000);
        }

        assertFalse(closed[0], "the caller completes or aborts the upload");
        assertTrue(flushes[0] > 0);
        assertArrayEquals(Arrays.copyOf(ROWS, 1000), read(CopyFormat.forNewCopies(KEYS), bytes.toByteArray(), AD));
    }

    @Test
    void theStoredSizeAndDigestAreKnownOnlyAfterClose() throws IOException {
        CopyOutputStream copy = CopyFormat.forNewCopies(KEYS).writing(new ByteArrayOutputStream(), AD);
        copy.write(ROWS, 0, 1000);

        assertEquals(1000, copy.plaintextBytes());
        assertThrows(IllegalStateException.class, copy::storedBytes);
        assertThrows(IllegalStateException.class, copy::storedSha256);
        copy.close();
        assertThrows(IOException.class, () -> copy.write(1));
    }

    @Test
    void emptyAssociatedDataIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CopyFormat.forNewCopies(KEYS).writing(new ByteArrayOutputStream(), new byte[0]));
    }

    /**
     * 50 MB of incompressible bytes in 64 KiB writes: storage must have received all but a few MiB after every write,
     * so nothing in the chain gathers the stream (a ByteArrayOutputStream inside would hold it all until close).
     */
    @Test
    void writingFiftyMegabytesKeepsOnlyASegmentInFlight() throws IOException {
        long[] stored = {0};
        OutputStream storage = new OutputStream() {
            @Override
            public void write(int b) {
                stored[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                stored[0] += len;
            }
        };
        SplittableRandom random = new SplittableRandom(50);
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        long mostInFlight = 0;
        try (CopyOutputStream copy = CopyFormat.forNewCopies(KEYS).writing(storage, AD)) {
            while (written < 50_000_000) {
                random.nextBytes(chunk);
                copy.write(chunk);
                written += chunk.length;
                mostInFlight = Math.max(mostInFlight, written - stored[0]);
            }
        }

        // At most one cipher segment (1 MiB) waits for its last byte; measured: 960 KiB.
        assertTrue(mostInFlight < 3 * MIB, "at most " + mostInFlight + " bytes in flight");
        assertTrue(stored[0] >= written, "incompressible bytes do not shrink: " + stored[0]);
    }

    /** The read side pulls from storage as the reader asks, not the whole object ahead of it. */
    @Test
    void readingDoesNotRunAheadOfTheReader() throws IOException {
        byte[] plaintext = new byte[8 * MIB];
        new SplittableRandom(8).nextBytes(plaintext);
        byte[] stored = write(CopyFormat.forNewCopies(KEYS), plaintext, AD);
        long[] pulled = {0};
        InputStream storage = new FilterInputStream(new ByteArrayInputStream(stored)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                pulled[0] += Math.max(n, 0);
                return n;
            }
        };

        try (InputStream rows = CopyFormat.forNewCopies(KEYS).reading(storage, AD)) {
            assertEquals(MIB, rows.readNBytes(MIB).length);
            // The segment being read and the next one that Tink reads ahead: measured 2 MiB.
            assertTrue(pulled[0] < 3 * MIB, "pulled " + pulled[0] + " of " + stored.length + " bytes");
        }
    }

    /**
     * An object written by this version with a fixed test key: whatever changes in the code or in Tink, copies made
     * today must stay readable. If this fails, old copies would no longer decrypt.
     */
    @Test
    void anObjectWrittenByFormatVersionOneStillReads() throws IOException {
        BackupKeys keys = BackupKeys.parse(GoldenVectors.KEYS);
        byte[] stored = Base64.getDecoder().decode(GoldenVectors.OBJECT_BASE64);
        CopyFormat format = new CopyFormat(keys.byId("golden").orElseThrow(), Compression.DEFAULT);

        assertEquals(GoldenVectors.OBJECT_PLAINTEXT,
                new String(read(format, stored, ad(GoldenVectors.OBJECT_AD)), StandardCharsets.UTF_8));
    }

    static byte[] write(CopyFormat format, byte[] plaintext, byte[] ad) throws IOException {
        ByteArrayOutputStream storage = new ByteArrayOutputStream();
        try (CopyOutputStream copy = format.writing(storage, ad)) {
            copy.write(plaintext);
        }
        return storage.toByteArray();
    }

    static byte[] read(CopyFormat format, byte[] stored, byte[] ad) throws IOException {
        try (InputStream in = format.reading(new ByteArrayInputStream(stored), ad)) {
            return in.readAllBytes();
        }
    }

    static byte[] ad(String objectKey) {
        return objectKey.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
