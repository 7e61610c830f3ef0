package io.goldbackup.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.github.luben.zstd.ZstdOutputStream;

import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.offsite.CopyView;
import io.goldbackup.offsite.ObjectStore;
import io.goldbackup.offsite.ObjectStores;
import io.goldbackup.offsite.ObjectUpload;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.security.Actor;
import io.goldbackup.security.Roles;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.S3ProxyResource;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The off-site copy and import of a 1,000,000-wallet backup beside hand-made baselines in the same run, against the
 * same s3proxy: the copy beside {@code COPY (...) TO STDOUT} piped through the same compressor and uploaded as one
 * object (the service adds encryption, the checksum check and the manifest); the import beside {@code COPY FROM} of
 * the same rows from a local file (the service adds the download, decryption, decompression, key, checksum and
 * attach). With the heap's peak during each. A benchmark, not a test: it asserts nothing about time.
 * <p>
 * Run: {@code ./mvnw verify -Pbenchmark -Dtest=OffsiteBenchmark} ({@code -Dbench.wallets=N} for another size).
 */
@QuarkusTest
@TestProfile(OffsiteBenchmark.Profile.class)
@Tag("benchmark")
class OffsiteBenchmark {

    private static final Actor ADMIN = new Actor("benchmark", "benchmark", Roles.withImplied(Set.of(Roles.ADMIN)));

    /** The benchmark's boot with a target: no copy after a backup (the benchmark copies when it times it). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new BenchmarkProfile().getConfigOverrides());
            config.put("gold-backup.offsite.copy-types", "pre_migration");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class));
        }
    }

    @Inject
    Db db;

    @Inject
    BackupService backups;

    @Inject
    OffsiteService offsite;

    @Inject
    ObjectStores stores;

    private final List<String> rows = new ArrayList<>();

    @Test
    void copyAndImportBesideBaselines() throws Exception {
        long wallets = Long.getLong("bench.wallets", 1_000_000L);
        if (db.count("SELECT count(*) FROM gold_mining") != wallets) {
            db.reset();
            GameStateSeeder.seed(db.dataSource(), 1, wallets, 8);
        }
        db.execute("DELETE FROM offsite_copies");
        BackupSummary backup = backups.create(BackupType.MANUAL, "offsite benchmark", null, ADMIN);
        long id = backup.id();

        CopyView[] copy = new CopyView[1];
        // Twice: the first copy in a fresh JVM runs AES-GCM before the JIT compiled its fast path (about 650 MB of
        // ciphertext); a service that has run a while copies at the second figure.
        Measured first = measure(() -> copy[0] = offsite.copyNow(id, Optional.of("primary"), ADMIN).get(0));
        db.execute("UPDATE offsite_copies SET status = 'failed'");
        Measured service = measure(() -> copy[0] = offsite.copyNow(id, Optional.of("primary"), ADMIN).get(0));
        ObjectStore store = stores.target("primary").orElseThrow();
        long[] baselineBytes = new long[1];
        Path plain = Files.createTempFile("offsite-benchmark", ".copy");
        Measured baseline = measure(() -> {
            try (Connection c = db.dataSource().getConnection();
                    ObjectUpload upload = store.upload("baseline/" + id + ".copy.zst", Map.of());
                    OutputStream zstd = new ZstdOutputStream(new BufferedOutputStream(upload, 1 << 16), 1)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + CANONICAL
                        + " FROM gold_backup_wallets WHERE backup_id = " + id + " ORDER BY wallet_address) TO STDOUT",
                        zstd);
                zstd.close();
                baselineBytes[0] = upload.bytesWritten();
            }
            return null;
        });
        try (Connection c = db.dataSource().getConnection();
                OutputStream file = new BufferedOutputStream(Files.newOutputStream(plain))) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + CANONICAL
                    + " FROM gold_backup_wallets WHERE backup_id = " + id + " ORDER BY wallet_address) TO STDOUT",
                    file);
        }
        line("| copy to s3proxy, first in a fresh JVM | %s | COPY TO STDOUT, zstd-1, one upload: %s | %.2fx |", first,
                baseline, first.ms / (double) baseline.ms);
        line("| copy to s3proxy, again | %s | | %.2fx |", service, service.ms / (double) baseline.ms);
        line("| bytes stored | %,d (of %,d bytes of rows: %.2f:1) | %,d | |", copy[0].storedBytes(),
                copy[0].plainBytes(), copy[0].plainBytes() / (double) copy[0].storedBytes(), baselineBytes[0]);

        backups.delete(id, BackupService.DELETE_CONFIRMATION_CODE, ADMIN);
        BackupSummary[] again = new BackupSummary[1];
        Measured firstImport = measure(() -> again[0] = offsite.importCopy("primary", Optional.of(backup.uuid()),
                Optional.empty(), ADMIN));
        backups.delete(again[0].id(), BackupService.DELETE_CONFIRMATION_CODE, ADMIN);
        Measured imported = measure(() -> offsite.importCopy("primary", Optional.of(backup.uuid()), Optional.empty(),
                ADMIN));
        Measured copyFrom = measure(() -> {
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement();
                    InputStream in = new BufferedInputStream(Files.newInputStream(plain), 1 << 16)) {
                st.execute("CREATE TABLE benchmark_copy_from (LIKE gold_backup_wallets INCLUDING DEFAULTS)");
                st.execute("ALTER TABLE benchmark_copy_from ALTER COLUMN backup_id SET DEFAULT 0");
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY benchmark_copy_from (" + CANONICAL + ") FROM STDIN", in);
                st.execute("DROP TABLE benchmark_copy_from");
            }
            return null;
        });
        line("| import from s3proxy, first | %s | COPY FROM a local file: %s | %.2fx |", firstImport, copyFrom,
                firstImport.ms / (double) copyFrom.ms);
        line("| import from s3proxy, again | %s | | %.2fx |", imported, imported.ms / (double) copyFrom.ms);
        Files.deleteIfExists(plain);

        List<String> table = new ArrayList<>();
        table.add("Off-site benchmark, " + String.format(Locale.ROOT, "%,d", wallets) + " wallets, heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        table.add("| operation | service | baseline | ratio |");
        table.add("|---|---|---|---|");
        table.addAll(rows);
        Files.write(Path.of("target", "offsite-benchmark.md"), table);
        table.forEach(Log::info);
    }

    private static final String CANONICAL = "wallet_address, current_gold, gold_per_hour, accumulated_gold, "
            + "last_snapshot_time, total_gold_per_hour, mek_count, last_active_time, top_mek_gold_rate, "
            + "top_mek_asset_id, total_mek_gold_rate, level, experience, bank_balance";

    private void line(String format, Object... args) {
        rows.add(String.format(Locale.ROOT, format, args));
    }

    /** A duration and the heap's peak while it ran. */
    private record Measured(long ms, long peakHeapMb) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d ms (heap peak %d MB)", ms, peakHeapMb);
        }
    }

    private static Measured measure(Callable<?> work) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        work.call();
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
        return new Measured(ms, peak);
    }
}
