package io.goldbackup.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.restore.RestoreRequest;
import io.goldbackup.restore.RestoreRun;
import io.goldbackup.restore.RestoreService;
import io.goldbackup.retention.CleanupReport;
import io.goldbackup.retention.CleanupService;
import io.goldbackup.security.Actor;
import io.goldbackup.security.Roles;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TestClock;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Times every operation of the service beside the best hand-written SQL for the same result ({@link HandWritten}),
 * in one run, on one data set: create, verify, details, a page, a wallet's history, dry runs and restores of 100
 * named wallets, of all wallets with 1% and with 100% differing, the undo, a cleanup of 10 backups and a delete. A
 * benchmark, not a test: it prints a table (and writes it to target/benchmark.md) and asserts nothing about time.
 * <p>
 * Run: {@code ./mvnw verify -Pbenchmark} (1,000,000 wallets with 8 meks each; {@code -Dbench.wallets=N} for
 * another size). The profile caps the heap so that the service has about 128 MB of it (the test harness keeps the
 * rest).
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@Tag("benchmark")
class BackupBenchmark {

    private static final int ROUNDS = 2;

    @Inject
    Db db;

    /** The benchmark runs restores and deletes, which need backup-admin. */
    private static final Actor ADMIN = new Actor("benchmark", "benchmark", Roles.withImplied(Set.of(Roles.ADMIN)));

    @Inject
    BackupService backups;

    @Inject
    BackupQueries queries;

    @Inject
    RestoreService restores;

    @io.quarkus.test.common.http.TestHTTPResource("/q/health/ready")
    java.net.URL ready;

    private final List<String> rows = new ArrayList<>();

    private final List<String> table = new ArrayList<>();

    @Inject
    CleanupService cleanups;

    @Inject
    TestClock clock;

    /**
     * The parts to run ({@code -Dbench.parts=named,full}: create, reads, named, full, cleanup, probes; all by default).
     * Without create, one backup is taken (not timed) for the other parts to use.
     */
    private static final Set<String> PARTS = Set.of(System.getProperty("bench.parts",
            "create,reads,named,full,cleanup,probes").split(","));

    @Test
    void everyOperationBesideHandWrittenSql() throws Exception {
        long wallets = Long.getLong("bench.wallets", 1_000_000L);
        long seedMs = 0;
        boolean reused = db.count("SELECT count(*) FROM gold_mining") == wallets
                && !Boolean.getBoolean("bench.reseed");
        if (reused) {
            // The data set of an earlier run (same size) is reused; only its backups go.
            dropBackups();
        } else {
            db.reset();
            seedMs = time(() -> {
                GameStateSeeder.seed(db.dataSource(), 1, wallets, 8);
                return null;
            });
        }
        // One instant for the whole run: gold does not accrue between a backup and a restore, so "differing" means
        // what the benchmark changed, not the hours in between.
        clock.set(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        line("Data set: %,d wallets, %,d meks, %,d players; %s", wallets,
                db.count("SELECT count(*) FROM owned_meks"), db.count("SELECT count(*) FROM players"),
                seedMs == 0 ? "reused from an earlier run" : String.format(Locale.ROOT, "seeded in %,d ms", seedMs));
        // What the test JVM keeps live before the first operation (the harness and the service at rest): the
        // service's own room is the cap less this, which the profile sets to about 128 MB.
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024 / 1024;
        long max = Runtime.getRuntime().maxMemory() / 1024 / 1024;
        line("JVM max heap: %d MB, %d MB live before the first operation (the test harness and the service at rest), "
                + "%d MB free for the service; cores: %d; PostgreSQL %s", max, live, max - live,
                Runtime.getRuntime().availableProcessors(), db.single("SHOW server_version"));
        HandWritten sql = new HandWritten(db.dataSource());
        if (!PARTS.contains("create")) {
            // One backup of the live state at the run's clock for the parts to use; not timed.
            parts(backups.create(BackupType.MANUAL, "benchmark parts", null, Actor.SCHEDULER).id(), wallets, sql);
            write();
            return;
        }
        sql.snapshot(); // warms the caches for both sides

        long[] create = {Long.MAX_VALUE, Long.MAX_VALUE};
        long id = 0;
        for (int round = 0; round < ROUNDS; round++) {
            create[1] = Math.min(create[1], time(() -> {
                sql.snapshot();
                return null;
            }));
            BackupSummary[] made = new BackupSummary[1];
            String name = "benchmark " + round;
            create[0] = Math.min(create[0], time(() -> made[0] = backups.create(BackupType.MANUAL, name, null,
                    Actor.SCHEDULER)));
            id = made[0].id();
        }
        row("create backup (best of " + ROUNDS + ")", create[0], create[1]);
        parts(id, wallets, sql);
        write();
    }

    /** Every part after create, on backup {@code backupId} of all {@code wallets}, as {@link #PARTS} says. */
    private void parts(long backupId, long wallets, HandWritten sql) throws Exception {
        if (PARTS.contains("reads")) {
            reads(backupId, wallets, sql);
        }
        if (PARTS.contains("named")) {
            named(backupId, wallets, sql);
        }
        if (PARTS.contains("full")) {
            full("1% of the wallets differ", backupId, "abs(hashtext(wallet_address)) % 100 = 0", sql);
            RestoreRun all = full("every wallet differs", backupId, "true", sql);
            long safety = all.safetyBackupId();
            long undoSql = time(() -> {
                sql.restore(safety, null);
                return null;
            });
            db.execute("VACUUM ANALYZE gold_mining, players");
            row("undo of that restore (restore its safety snapshot)", time(() -> restores.restore(request(safety,
                    null, false), ADMIN)), undoSql);
        }
        if (PARTS.contains("cleanup")) {
            cleanupAndDelete(sql, backupId);
        }
        if (PARTS.contains("probes")) {
            probes();
        }
    }

    /** Verify, details, a page and a wallet's history. */
    private void reads(long backupId, long wallets, HandWritten sql) throws Exception {
        String[] digest = new String[1];
        long copyHash = time(() -> digest[0] = sql.copyIntoSha256sum(backupId, "*"));
        row("verify (every row re-hashed, seal) vs COPY \\| sha256sum", time(() -> backups.verify(backupId)),
                copyHash);
        // Reads: best of 3 on each side (the first call of a path pays for class loading and JIT compilation).
        row("details (totals over all rows, top 5), best of 3", best(() -> queries.details(backupId)), best(() -> {
            sql.details(backupId);
            return null;
        }));
        String middle = GameStateSeeder.demoAddress(wallets / 2);
        row("one page of 1,000 rows (keyset), best of 3", best(() -> queries.wallets(backupId, middle, 1000)),
                best(() -> {
                    sql.page(backupId, middle);
                    return null;
                }));
        String someone = GameStateSeeder.demoAddress(wallets / 3);
        row("one wallet's history, best of 3", best(() -> queries.history(someone, 50)), best(() -> {
            sql.history(someone);
            return null;
        }));
    }

    /** Dry run and restore of 100 named wallets, best of 3 after a warming round. */
    private void named(long backupId, long wallets, HandWritten sql) throws Exception {
        List<String> hundred = new ArrayList<>();
        for (long n = 1; n <= wallets && hundred.size() < 100; n += Math.max(1, wallets / 100)) {
            hundred.add(GameStateSeeder.demoAddress(n));
        }
        List<String> targets = hundred.stream().sorted().toList();
        String named = "wallet_address IN (" + targets.stream().map(t -> "'" + t + "'").collect(
                java.util.stream.Collectors.joining(",")) + ")";
        long[] plan100 = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] restore100 = {Long.MAX_VALUE, Long.MAX_VALUE};
        // Two rounds warm up, uncounted: a service and a database in use are warm (the JIT has compiled the paths,
        // the pages are in memory). Then the best of three.
        for (int round = 0; round < 5; round++) {
            boolean counted = round >= 2;
            differ(named);
            long plan = time(() -> restores.plan(request(backupId, targets, true), ADMIN));
            long planSql = time(() -> {
                sql.plan(backupId, targets);
                return null;
            });
            long restoreSql = time(() -> {
                sql.restore(backupId, targets);
                return null;
            });
            long restore = time(() -> restores.restore(request(backupId, targets, false), ADMIN));
            if (counted) {
                plan100[0] = Math.min(plan100[0], plan);
                plan100[1] = Math.min(plan100[1], planSql);
                restore100[0] = Math.min(restore100[0], restore);
                restore100[1] = Math.min(restore100[1], restoreSql);
            }
        }
        row("dry run of 100 named wallets (best of 3, after 2 warm-up rounds)", plan100[0], plan100[1]);
        row("restore of 100 named wallets (best of 3, after 2 warm-up rounds)", restore100[0], restore100[1]);
    }

    /**
     * Makes the given wallets differ from the backups: gold and level changed, as an incident would. Then VACUUM
     * ANALYZE, so that neither side meets the dead rows (or an autovacuum holding its lock) of the change.
     */
    private void differ(String condition) {
        db.update("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1 WHERE " + condition);
        db.update("UPDATE players SET level = level + 1 WHERE " + condition);
        db.execute("VACUUM ANALYZE gold_mining, players");
    }

    /** A full dry run and restore of {@code backupId} after making the wallets matching {@code condition} differ. */
    private RestoreRun full(String label, long backupId, String condition, HandWritten sql) throws Exception {
        differ(condition);
        long changing = db.count("SELECT count(*) FROM gold_mining WHERE " + condition);
        row("dry run of a full restore, " + label + " (" + String.format(Locale.ROOT, "%,d", changing) + ")",
                time(() -> restores.plan(request(backupId, null, true), ADMIN)), time(() -> {
                    sql.plan(backupId, null);
                    return null;
                }));
        long handWritten = time(() -> {
            sql.restore(backupId, null);
            return null;
        });
        db.execute("VACUUM ANALYZE gold_mining, players"); // the rolled-back UPDATE's dead rows
        RestoreRun[] run = new RestoreRun[1];
        row("full restore, " + label + ", vs UPDATE ... FROM of all rows", time(() -> run[0] = restores.restore(
                request(backupId, null, false), ADMIN)), handWritten);
        line("Full restore, %s: wrote %,d of %,d wallets", label, run[0].walletsProcessed(), run[0].walletsTotal());
        return run[0];
    }

    /** Cleanup of 10 expired backups, and the delete of one, beside detach + drop + delete in SQL. */
    private void cleanupAndDelete(HandWritten sql, long kept) throws Exception {
        List<Long> expired = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expired.add(backups.create(BackupType.MANUAL, "to clean up " + i, null, Actor.SCHEDULER).id());
        }
        // Expired and older than the rest, so that the newest kept by the policy are others.
        db.update("UPDATE gold_backups SET expires_at = ?::timestamptz - interval '1 day', "
                + "backup_timestamp = ?::timestamptz - interval '60 days' WHERE id = ANY(?::bigint[])",
                clock.instant().toString(), clock.instant().toString(), expired.toArray(Long[]::new));
        long cleanupSql = time(() -> {
            sql.dropBackups(expired);
            return null;
        });
        CleanupReport[] report = new CleanupReport[1];
        row("cleanup of 10 expired backups", time(() -> report[0] = cleanups.cleanup(Optional.empty(), false,
                CleanupService.CONFIRMATION_CODE, ADMIN)), cleanupSql);
        line("Cleanup: deleted %d backups, %,d wallet rows", report[0].deletedBackups(), report[0].deletedWalletRows());
        long deleteSql = time(() -> {
            sql.dropBackups(List.of(kept));
            return null;
        });
        row("delete a backup (detach concurrently + drop)", time(() -> {
            backups.delete(kept, BackupService.DELETE_CONFIRMATION_CODE, ADMIN);
            return null;
        }), deleteSql);
    }

    private static RestoreRequest request(long backupId, List<String> targets, boolean dryRun) {
        return new RestoreRequest(backupId, targets, dryRun ? null : RestoreService.CONFIRMATION_CODE, dryRun, null,
                null, null);
    }

    private void row(String operation, long service, long handWritten) {
        if (table.isEmpty()) {
            table.add("| operation | service | hand-written SQL | ratio |");
            table.add("|---|---:|---:|---:|");
        }
        table.add(String.format(Locale.ROOT, "| %s | %,d ms | %,d ms | %.2fx |", operation, service, handWritten,
                (double) service / Math.max(1, handWritten)));
        Log.info(table.get(table.size() - 1));
    }

    /** Readiness probes with a million wallets and several backups: idle, and while a backup runs. */
    private void probes() throws Exception {
        // Warm-up: the first calls pay for class loading and JIT compilation; a probe called every 10 s by every
        // kubelet for days measures a warm service.
        probe(2000);
        long[] idle = probe(1000);
        java.util.concurrent.CompletableFuture<BackupSummary> running = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> backups.create(BackupType.MANUAL, "beside probes", null, Actor.SCHEDULER));
        // Sampled from the start of the backup to its end, through every step (copy, key, checksum, attach).
        long[] busy = probeUntil(running);
        running.get();
        line("");
        line("| readiness probe (/q/health/ready, 1,000 calls after 2,000 warm-up calls) | p50 | p99 | max |");
        line("|---|---:|---:|---:|");
        line("| idle | %.1f ms | %.1f ms | %.1f ms |", idle[0] / 1e3, idle[1] / 1e3, idle[2] / 1e3);
        line("| while a backup runs (%,d calls, from its start to its end) | %.1f ms | %.1f ms | %.1f ms |",
                busy[3], busy[0] / 1e3, busy[1] / 1e3, busy[2] / 1e3);
    }

    private void dropBackups() {
        db.execute("DELETE FROM restore_runs");
        for (String id : db.strings("SELECT id::text FROM gold_backups")) {
            backups.delete(Long.parseLong(id), BackupService.DELETE_CONFIRMATION_CODE, ADMIN);
        }
    }

    /** p50, p99, max latency (microseconds) and count of readiness probes, one after another until {@code work} is done. */
    private long[] probeUntil(java.util.concurrent.Future<?> work) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(ready.toURI()).build();
        List<Long> micros = new ArrayList<>();
        while (!work.isDone()) {
            long start = System.nanoTime();
            int status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("readiness answered " + status + ": the measurement would be void");
            }
            micros.add((System.nanoTime() - start) / 1000);
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return new long[]{sorted[n / 2], sorted[(int) Math.ceil(n * 0.99) - 1], sorted[n - 1], n};
    }

    /** p50, p99 and max latency of {@code calls} readiness probes, in microseconds. */
    private long[] probe(int calls) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(ready.toURI()).build();
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            int status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("readiness answered " + status + ": the measurement would be void");
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        return new long[]{micros[calls / 2], micros[(int) Math.ceil(calls * 0.99) - 1], micros[calls - 1]};
    }

    private static long best(Callable<?> work) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, time(work));
        }
        return best;
    }

    private static long time(Callable<?> work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        rows.add(text);
        Log.info(text);
    }

    private void write() throws IOException {
        Path out = Path.of("target", "benchmark.md");
        Files.createDirectories(out.getParent());
        List<String> all = new ArrayList<>(rows.subList(0, Math.min(2, rows.size())));
        all.add("");
        all.addAll(table);
        all.addAll(rows.subList(Math.min(2, rows.size()), rows.size()));
        Files.write(out, all);
        Log.info("Benchmark table written to " + out);
    }
}
