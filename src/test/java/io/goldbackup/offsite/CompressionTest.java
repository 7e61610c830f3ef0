package io.goldbackup.offsite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zstd levels, their names in manifests, and round trips at each. */
class CompressionTest {

    private static final byte[] ROWS = CopyRows.generate(3_000, 3);

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 19})
    void rowsComeBackByteForByteAtEachLevel(int level) throws IOException {
        Compression zstd = new Compression(level);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = zstd.compressing(compressed)) {
            out.write(ROWS);
        }

        assertTrue(compressed.size() < ROWS.length / 2, "compressed to " + compressed.size());
        try (InputStream in = Compression.decompressing(new ByteArrayInputStream(compressed.toByteArray()))) {
            assertArrayEquals(ROWS, in.readAllBytes());
        }
    }

    @Test
    void aFrameCutShortIsAnError() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = Compression.DEFAULT.compressing(compressed)) {
            out.write(ROWS);
        }
        byte[] cut = Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2);

        assertThrows(IOException.class, () -> {
            try (InputStream in = Compression.decompressing(new ByteArrayInputStream(cut))) {
                in.readAllBytes();
            }
        });
    }

    @Test
    void aNameParsesBackToItsLevel() {
        assertEquals("zstd-1", Compression.DEFAULT.name());
        assertEquals(new Compression(6), Compression.parse("zstd-6"));
        assertEquals(new Compression(19), Compression.parse(new Compression(19).name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zstd", "zstd-0", "zstd-20", "zstd-03", "gzip-6", "ZSTD-3", "zstd--1"})
    void otherNamesAreRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> Compression.parse(name));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 20, 22})
    void levelsOutsideOneToNineteenAreRefused(int level) {
        assertThrows(IllegalArgumentException.class, () -> new Compression(level));
    }
}
