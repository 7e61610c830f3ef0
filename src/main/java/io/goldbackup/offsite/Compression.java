package io.goldbackup.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

/**
 * zstd streaming compression of a backup's COPY text at a given level, named {@code zstd-<level>} in manifests.
 * Reading needs no level: a zstd frame describes itself, so the level of new copies can change at any time.
 * <p>
 * The default is level 1. Measured by {@code CompressionBenchmark} (2026-11-30, JDK 17, 2 shared cores under load,
 * one thread; MB = 10^6 bytes of plaintext; 200,000 generated rows of COPY text like a backup's, 57,926,933 bytes,
 * 289 bytes a row; the speeds of two runs):
 *
 * <pre>
 * codec    stored bytes   ratio   compress MB/s   decompress MB/s
 * zstd-1     20,806,500    2.78       361-409         1300
 * zstd-3     20,948,128    2.77       158-182         1080-1130
 * zstd-6     20,063,608    2.89        53-60           930-1080
 * zstd-9     19,940,795    2.90        15-23           270-970
 * gzip-6     21,257,449    2.73        18-29           160-280
 * </pre>
 *
 * The rows are mostly high-entropy text (53 random address characters, doubles with up to 17 significant digits,
 * timestamps to the microsecond), so the ratio hardly moves with the level: level 3 stores the same as level 1 at
 * half the speed, level 6 saves 4% at a sixth of it, and gzip is both larger and far slower. At level 1 compressing
 * 1,000,000 wallets (about 290 MB of text) costs under a second of one core, less than PostgreSQL takes to send
 * the rows; level 1 also has the smallest window (512 KiB) and so the least memory on both sides. A level above 1
 * pays only if real data proves more redundant than these rows: measure a COPY dump of a real backup with
 * {@code -Dbench.copy-file} before changing it.
 * <p>
 * The NoFinalizer streams: the chain always closes them, and finalizers cost every allocation a GC round trip.
 */
public record Compression(int level) {

    /** The level new copies use; see the measurements above. */
    public static final int DEFAULT_LEVEL = 1;

    /** The default: {@code zstd-1}. */
    public static final Compression DEFAULT = new Compression(DEFAULT_LEVEL);

    private static final Pattern NAME = Pattern.compile("zstd-([1-9]|1[0-9])");

    /**
     * Levels 1 to 19: below 1 are zstd's fast modes (worse ratio for little gain at our sizes), above 19 the "ultra"
     * levels need a large window, and so memory, on the reading side too.
     */
    public Compression {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("zstd level " + level + " is out of range 1..19");
        }
    }

    /**
     * The compression a manifest names.
     *
     * @throws IllegalArgumentException when {@code name} is not {@code zstd-1} .. {@code zstd-19}
     */
    public static Compression parse(String name) {
        Matcher m = name == null ? null : NAME.matcher(name);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("compression must be zstd-1 .. zstd-19");
        }
        return new Compression(Integer.parseInt(m.group(1)));
    }

    /** The name manifests carry: {@code zstd-<level>}. */
    public String name() {
        return "zstd-" + level;
    }

    /** A stream that compresses into {@code out}; closing it ends the zstd frame and closes {@code out}. */
    public OutputStream compressing(OutputStream out) throws IOException {
        return new ZstdOutputStreamNoFinalizer(out, level);
    }

    /**
     * The decompressed stream of {@code in}. A frame cut short is an {@link IOException} at its end, not a silent
     * short read.
     */
    public static InputStream decompressing(InputStream in) throws IOException {
        return new ZstdInputStreamNoFinalizer(in);
    }
}
