package io.goldbackup.offsite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;

/**
 * Chooses the default zstd level: compresses 200,000 backup rows of COPY text ({@link CopyRows}) with zstd 1, 3, 6
 * and 9 and with gzip 6 (java.util.zip), and times the whole write chain (zstd, AES-GCM, SHA-256). A benchmark, not a
 * test: it prints a table (and writes it to target/compression-benchmark.md) and asserts nothing about time. MB are
 * 10^6 bytes of plaintext; each codec figure is the median of 5 runs after 2 warm-ups, on one thread.
 * <p>
 * The chain is timed twice: first in a fresh JVM, then after about 1 GB of AES-GCM. The JDK's AES-GCM runs at tens
 * of MB/s until C2 compiles its intrinsic, which with one cipher call per 1 MiB segment takes several hundred MB; a
 * copy of one backup (about 100 MB stored for 1,000,000 wallets) runs mostly before that point.
 * <p>
 * Run alone: {@code ./mvnw -o test -Dtest=CompressionBenchmark -Dtest.excluded-groups=
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbench.copy-file=rows.copy} measures a COPY text dump of a real
 * backup instead ({@code COPY (SELECT <CANONICAL_COLUMNS> ... ORDER BY wallet_address) TO STDOUT}).
 */
@Tag("benchmark")
class CompressionBenchmark {

    private static final int ROWS = 200_000;
    private static final int WARMUPS = 2;
    private static final int RUNS = 5;
    private static final byte[] AD = "benchmark/part-00001".getBytes(StandardCharsets.UTF_8);

    @Test
    void zstdLevelsBesideGzip() throws IOException {
        String file = System.getProperty("bench.copy-file");
        byte[] rows = file == null ? CopyRows.generate(ROWS, 1) : Files.readAllBytes(Path.of(file));
        BackupKeys keys = BackupKeys.parse(BackupKeys.generate("bench"));
        CopyFormat defaultFormat = new CopyFormat(keys.current(), Compression.DEFAULT);
        double coldChain = once(rows.length, () -> drain(defaultFormat.writing(OutputStream.nullOutputStream(), AD),
                rows));

        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%s, %,d bytes of COPY text, JDK %s, %d cores",
                file == null ? ROWS + " generated rows" : file, rows.length, Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        table.add("");
        table.add("| codec | stored bytes | ratio | compress MB/s | decompress MB/s |");
        table.add("|---|---:|---:|---:|---:|");
        for (int level : new int[]{1, 3, 6, 9}) {
            Compression zstd = new Compression(level);
            byte[] compressed = compress(rows, zstd::compressing);
            double in = mbPerSecond(rows.length, () -> drain(zstd.compressing(OutputStream.nullOutputStream()), rows));
            double out = mbPerSecond(rows.length, () -> read(Compression.decompressing(
                    new ByteArrayInputStream(compressed))));
            table.add(row(zstd.name(), rows.length, compressed.length, in, out));
        }
        byte[] gzipped = compress(rows, CompressionBenchmark::gzip6);
        double in = mbPerSecond(rows.length, () -> drain(gzip6(OutputStream.nullOutputStream()), rows));
        double out = mbPerSecond(rows.length, () -> read(new GZIPInputStream(new ByteArrayInputStream(gzipped),
                64 * 1024)));
        table.add(row("gzip-6", rows.length, gzipped.length, in, out));

        Run cipherOnly = () -> drain(keys.current().cipher().encrypting(OutputStream.nullOutputStream(), AD), rows);
        double coldCipher = once(rows.length, cipherOnly);
        for (long encrypted = rows.length; encrypted < 1_000_000_000L; encrypted += rows.length) {
            cipherOnly.run();
        }
        double warmCipher = mbPerSecond(rows.length, cipherOnly);
        table.add("");
        table.add(String.format(Locale.ROOT, "AES-256-GCM-HKDF alone: %.0f MB/s at first, %.0f MB/s after 1 GB",
                coldCipher, warmCipher));
        table.add(String.format(Locale.ROOT, "Whole write chain (%s, AES-GCM, SHA-256), first run in a fresh JVM: "
                + "%.0f MB/s", Compression.DEFAULT.name(), coldChain));
        for (int level : new int[]{1, 3, 6}) {
            CopyFormat format = new CopyFormat(keys.current(), new Compression(level));
            double chain = mbPerSecond(rows.length, () -> drain(format.writing(OutputStream.nullOutputStream(), AD),
                    rows));
            table.add(String.format(Locale.ROOT, "Whole write chain (zstd-%d), AES-GCM compiled: %.0f MB/s", level,
                    chain));
        }

        String text = String.join("\n", table) + "\n";
        Log.info("\n" + text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "compression-benchmark.md"), text);
    }

    private static String row(String name, int plain, int stored, double in, double out) {
        return String.format(Locale.ROOT, "| %s | %,d | %.2f | %.0f | %.0f |", name, stored, (double) plain / stored,
                in, out);
    }

    private interface Wrapper {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private interface Run {
        void run() throws IOException;
    }

    private static OutputStream gzip6(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                // zlib's default level, spelled out.
                def.setLevel(6);
            }
        };
    }

    private static byte[] compress(byte[] rows, Wrapper codec) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(rows.length / 3);
        drain(codec.wrap(buffer), rows);
        return buffer.toByteArray();
    }

    /** Writes in 64 KiB chunks, as a COPY reader hands rows over in small pieces. */
    private static void drain(OutputStream out, byte[] rows) throws IOException {
        try (out) {
            for (int off = 0; off < rows.length; off += 64 * 1024) {
                out.write(rows, off, Math.min(64 * 1024, rows.length - off));
            }
        }
    }

    private static void read(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            while (in.read(buffer) >= 0) {
                // reading is the work being timed
            }
        }
    }

    private static double once(long bytes, Run run) throws IOException {
        long start = System.nanoTime();
        run.run();
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static double mbPerSecond(long bytes, Run run) throws IOException {
        for (int i = 0; i < WARMUPS; i++) {
            run.run();
        }
        double[] rates = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            rates[i] = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }
}
