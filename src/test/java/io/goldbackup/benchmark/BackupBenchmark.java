package io.goldbackup.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import io.goldbackup.restore.RestoreService;
import io.goldbackup.security.Actor;
import io.goldbackup.security.Roles;
import io.goldbackup.testsupport.Db;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Times the service's operations beside the best hand-written SQL for the same work, in one run, on one data set.
 * A benchmark, not a test: it prints a table (and writes it to target/benchmark.md) and asserts nothing about time.
 * <p>
 * Run: {@code ./mvnw verify -Pbenchmark} (1,000,000 wallets with 8 meks each; {@code -Dbench.wallets=N} for
 * another size). The heap is capped at 256 MB by the profile.
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

    @Test
    void backupBesideHandWrittenSql() throws Exception {
        long wallets = Long.getLong("bench.wallets", 1_000_000L);
        long seedMs = 0;
        if (db.count("SELECT count(*) FROM gold_mining") == wallets && !Boolean.getBoolean("bench.reseed")) {
            // The data set of an earlier run (same size) is reused; only its backups go.
            dropBackups();
        } else {
            db.reset();
            seedMs = time(() -> {
                GameStateSeeder.seed(db.dataSource(), 1, wallets, 8);
                return null;
            });
        }
        line("Data set: %,d wallets, %,d meks, %,d players; %s", wallets,
                db.count("SELECT count(*) FROM owned_meks"), db.count("SELECT count(*) FROM players"),
                seedMs == 0 ? "reused from an earlier run" : String.format(Locale.ROOT, "seeded in %,d ms", seedMs));
        line("JVM max heap: %d MB; cores: %d; PostgreSQL %s", Runtime.getRuntime().maxMemory() / 1024 / 1024,
                Runtime.getRuntime().availableProcessors(), db.single("SHOW server_version"));

        // Warm the caches once so neither side pays for the first read from disk.
        handWrittenSnapshot();

        List<Long> service = new ArrayList<>();
        List<Long> sql = new ArrayList<>();
        long lastBackup = 0;
        for (int round = 0; round < ROUNDS; round++) {
            sql.add(time(this::handWrittenSnapshot));
            String name = "benchmark " + round;
            BackupSummary[] created = new BackupSummary[1];
            service.add(time(() -> created[0] = backups.create(BackupType.MANUAL, name, null, Actor.SCHEDULER)));
            lastBackup = created[0].id();
            line("round %d: service %,d ms (%,d wallets, %,d bytes), hand-written SQL %,d ms", round + 1,
                    service.get(round), created[0].totalUsersBackedUp(), created[0].sizeBytes(), sql.get(round));
        }
        long id = lastBackup;

        // Restores, from the last backup: a dry run of all wallets, all wallets beside a hand-written UPDATE ... FROM,
        // and 100 named wallets. Every wallet differs from the backup first (a restore writes only what differs), so
        // that the service does the same writes as the hand-written SQL: the worst case.
        db.execute("UPDATE gold_mining SET total_gold_per_hour = total_gold_per_hour + 1");
        db.execute("UPDATE players SET level = level + 1");
        db.execute("VACUUM ANALYZE gold_mining");
        db.execute("VACUUM ANALYZE players");
        long dryRun = time(() -> restores.plan(new RestoreRequest(id, null, null, true, null, null, null), ADMIN));
        long updateFrom = time(() -> handWrittenRestore(id));
        long fullRestore = time(() -> restores
                .restore(new RestoreRequest(id, null, RestoreService.CONFIRMATION_CODE, false, null, null, null),
                        ADMIN));
        List<String> hundred = new ArrayList<>();
        for (long n = 1; n <= wallets && hundred.size() < 100; n += Math.max(1, wallets / 100)) {
            hundred.add(GameStateSeeder.demoAddress(n));
        }
        List<String> targets = hundred.stream().sorted().toList();
        long targetedDryRun = time(
                () -> restores.plan(new RestoreRequest(id, targets, null, true, null, null, null), ADMIN));
        long targeted = time(() -> restores
                .restore(new RestoreRequest(id, targets, RestoreService.CONFIRMATION_CODE, false, null, null, null),
                        ADMIN));

        long verify = time(() -> backups.verify(id));
        long details = time(() -> queries.details(id));
        long page = time(() -> queries.wallets(id, GameStateSeeder.demoAddress(wallets / 2), 1000));
        long history = time(() -> queries.history(GameStateSeeder.demoAddress(wallets / 3), 50));
        long delete = time(() -> {
            backups.delete(id, BackupService.DELETE_CONFIRMATION_CODE, ADMIN);
            return null;
        });

        // Probes with a million wallets and several backups: idle, and while a backup runs.
        // Warm-up: the first calls pay for class loading and JIT compilation; a probe called every 10 s by every
        // kubelet for days measures a warm service.
        probe(2000);
        long[] idle = probe(1000);
        java.util.concurrent.CompletableFuture<BackupSummary> running = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> backups.create(BackupType.MANUAL, "beside probes", null, Actor.SCHEDULER));
        // Sampled from the start of the backup to its end, through every step (copy, key, checksum, attach).
        long[] busy = probeUntil(running);
        running.get();

        long bestService = service.stream().min(Long::compare).orElseThrow();
        long bestSql = sql.stream().min(Long::compare).orElseThrow();
        line("");
        line("| operation (%,d wallets) | service | hand-written SQL | ratio |", wallets);
        line("|---|---:|---:|---:|");
        line("| create backup (best of %d) | %,d ms | %,d ms | %.2fx |", ROUNDS, bestService, bestSql,
                (double) bestService / bestSql);
        line("| dry run of a full restore (plan, diffs, fingerprint) | %,d ms | | |", dryRun);
        line("| full restore (integrity check, safety snapshot, writes) | %,d ms | %,d ms | %.2fx |", fullRestore,
                updateFrom, (double) fullRestore / updateFrom);
        line("| dry run of a restore of 100 wallets | %,d ms | | |", targetedDryRun);
        line("| restore of 100 wallets | %,d ms | | |", targeted);
        line("| verify checksum | %,d ms | | |", verify);
        line("| details (totals over all rows, top 5) | %,d ms | | |", details);
        line("| one page of 1,000 rows (keyset) | %,d ms | | |", page);
        line("| one wallet's history | %,d ms | | |", history);
        line("| delete a backup (detach + drop) | %,d ms | | |", delete);
        line("");
        line("| readiness probe (/q/health/ready, 1,000 calls after 2,000 warm-up calls) | p50 | p99 | max |");
        line("|---|---:|---:|---:|");
        line("| idle | %.1f ms | %.1f ms | %.1f ms |", idle[0] / 1e3, idle[1] / 1e3, idle[2] / 1e3);
        line("| while a 1M-wallet backup runs (%,d calls, from its start to its end) | %.1f ms | %.1f ms | %.1f ms |",
                busy[3], busy[0] / 1e3, busy[1] / 1e3, busy[2] / 1e3);
        write();
    }

    /**
     * The best hand-written snapshot: one REPEATABLE READ transaction, a hash aggregate of the meks plus a join
     * back for the top mek, INSERT ... SELECT into an indexed table; then dropped.
     */
    private Void handWrittenSnapshot() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            st.execute("SET LOCAL work_mem = '256MB'");
            st.execute("""
                    CREATE TABLE bench_snapshot (LIKE gold_backup_wallets INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
                    ALTER TABLE bench_snapshot ADD PRIMARY KEY (wallet_address, backup_id);
                    """);
            st.execute("""
                    INSERT INTO bench_snapshot
                    WITH agg AS (
                        SELECT wallet_address, count(*) AS mek_count, sum(gold_per_hour) AS total_rate,
                               max(gold_per_hour) AS top_rate
                        FROM owned_meks GROUP BY wallet_address
                    ), top AS (
                        SELECT o.wallet_address, max(o.asset_id) AS top_asset
                        FROM owned_meks o JOIN agg a ON a.wallet_address = o.wallet_address
                                                   AND o.gold_per_hour = a.top_rate
                        GROUP BY o.wallet_address
                    )
                    SELECT 0, g.wallet_address,
                           CASE WHEN g.is_blockchain_verified AND g.consecutive_snapshot_failures < 3
                                     AND g.last_snapshot_time IS NOT NULL
                                THEN g.accumulated_gold + g.total_gold_per_hour
                                     * greatest(0, date_part('epoch', now() - g.last_snapshot_time) / 3600.0)
                                ELSE g.accumulated_gold END,
                           g.total_gold_per_hour, g.accumulated_gold, g.last_snapshot_time, g.total_gold_per_hour,
                           coalesce(a.mek_count, 0), g.last_active_time, a.top_rate, t.top_asset,
                           coalesce(a.total_rate, 0), p.level, p.experience, p.bank_balance
                    FROM gold_mining g
                    LEFT JOIN agg a ON a.wallet_address = g.wallet_address
                    LEFT JOIN top t ON t.wallet_address = g.wallet_address
                    LEFT JOIN players p ON p.wallet_address = g.wallet_address
                    """);
            c.rollback();
        }
        return null;
    }

    private void dropBackups() {
        db.execute("DELETE FROM restore_runs");
        for (String id : db.strings("SELECT id::text FROM gold_backups")) {
            backups.delete(Long.parseLong(id), BackupService.DELETE_CONFIRMATION_CODE, ADMIN);
        }
    }

    /** The hand-written full restore: UPDATE ... FROM the backup for gold and players, one transaction; rolled back. */
    private Void handWrittenRestore(long backupId) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("""
                    UPDATE gold_mining g
                    SET accumulated_gold = b.current_gold, total_gold_per_hour = b.gold_per_hour,
                        last_snapshot_time = now(), updated_at = now()
                    FROM gold_backup_wallets b
                    WHERE b.backup_id = %1$d AND b.wallet_address = g.wallet_address;
                    UPDATE players p
                    SET level = b.level, experience = b.experience, bank_balance = b.bank_balance
                    FROM gold_backup_wallets b
                    WHERE b.backup_id = %1$d AND b.wallet_address = p.wallet_address AND b.level IS NOT NULL;
                    """.formatted(backupId));
            c.rollback();
        }
        return null;
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
        Files.write(out, rows);
        Log.info("Benchmark table written to " + out);
    }
}
