package io.goldbackup.benchmark;

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

import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.drill.Drill;
import io.goldbackup.drill.DrillRequest;
import io.goldbackup.drill.DrillService;
import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.security.Actor;
import io.goldbackup.security.Roles;
import io.goldbackup.testsupport.Db;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A restore drill of a 1,000,000-wallet backup beside a plain restore of the same backup into fresh tables with
 * hand-written SQL, in the same run: {@code CREATE TABLE ... AS SELECT} of the rows a restore writes (read in
 * parallel), then the primary key, for the mining and the player table, in one transaction. The drill adds the
 * backup's integrity check (its checksum over every row), writes through INSERT ... SELECT into keyed tables as a
 * restore re-creates wallets, and then checks the restored wallets (not part of its recovery time). A benchmark, not a
 * test: it asserts nothing about time.
 * <p>
 * Run: {@code ./mvnw verify -Pbenchmark -Dtest=DrillBenchmark} ({@code -Dbench.wallets=N} for another size; a data set
 * of the same size from an earlier run is reused).
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@Tag("benchmark")
class DrillBenchmark {

    private static final int ROUNDS = 2;
    private static final Actor OPERATOR = new Actor("benchmark", "benchmark",
            Roles.withImplied(Set.of(Roles.OPERATOR)));

    @Inject
    Db db;

    @Inject
    BackupService backups;

    @Inject
    DrillService drills;

    private final List<String> rows = new ArrayList<>();

    @Test
    void drillBesideAHandWrittenRestoreIntoFreshTables() throws Exception {
        long wallets = Long.getLong("bench.wallets", 1_000_000L);
        if (db.count("SELECT count(*) FROM gold_mining") != wallets || Boolean.getBoolean("bench.reseed")) {
            db.reset();
            GameStateSeeder.seed(db.dataSource(), 1, wallets, 8);
        }
        db.execute("DELETE FROM drills");
        BackupSummary backup = backups.create(BackupType.MANUAL, "drill benchmark", null, OPERATOR);
        long id = backup.id();
        line("Drill benchmark: %,d wallets (backup %d, %,d bytes); JVM max heap %d MB; cores %d; PostgreSQL %s",
                backup.totalUsersBackedUp(), id, backup.sizeBytes(), Runtime.getRuntime().maxMemory() / 1024 / 1024,
                Runtime.getRuntime().availableProcessors(), db.single("SHOW server_version"));

        // Warm the caches once so neither side pays for the first read from disk.
        handWrittenRestore(id);
        List<Long> baseline = new ArrayList<>();
        List<Drill> ran = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            baseline.add(time(() -> handWrittenRestore(id)));
            Drill[] drill = new Drill[1];
            wall.add(time(() -> drill[0] = drills.run(new DrillRequest(id, Drill.DATABASE, null), OPERATOR)));
            ran.add(drill[0]);
            line("round %d: drill %s, recovery %,d ms, whole drill %,d ms; hand-written restore %,d ms", round + 1,
                    drill[0].status(), drill[0].durationMs(), wall.get(round), baseline.get(round));
        }
        long bestRecovery = ran.stream().mapToLong(Drill::durationMs).min().orElseThrow();
        long bestWall = wall.stream().mapToLong(Long::longValue).min().orElseThrow();
        long bestBaseline = baseline.stream().mapToLong(Long::longValue).min().orElseThrow();
        long verify = time(() -> backups.verify(id));
        line("");
        line("| operation (%,d wallets) | service | hand-written SQL | ratio |", backup.totalUsersBackedUp());
        line("|---|---:|---:|---:|");
        line("| restore drill: recovery (checksum + restore into scratch tables), best of %d | %,d ms | %,d ms | %.2fx |",
                ROUNDS, bestRecovery, bestBaseline, bestRecovery / (double) bestBaseline);
        line("| restore drill: whole (recovery + invariants + answer), best of %d | %,d ms | %,d ms | %.2fx |", ROUNDS,
                bestWall, bestBaseline, bestWall / (double) bestBaseline);
        line("| of which the checksum (verify) | %,d ms | | |", verify);
        db.execute("DELETE FROM drills");
        backups.delete(id, BackupService.DELETE_CONFIRMATION_CODE,
                new Actor("benchmark", "benchmark", Roles.withImplied(Set.of(Roles.ADMIN))));
        Path out = Path.of("target", "drill-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.write(out, rows);
        Log.info("Drill benchmark table written to " + out);
    }

    /**
     * The hand-written restore into fresh tables: what a person would type to get the backup's wallets back into empty
     * mining and player tables with their keys, in one transaction; dropped afterwards (the drop is not timed).
     */
    private Void handWrittenRestore(long backupId) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("""
                    CREATE TABLE bench_restored_mining AS
                    SELECT b.wallet_address, b.current_gold AS accumulated_gold, b.gold_per_hour AS total_gold_per_hour,
                           now() AS last_snapshot_time, b.last_active_time, false AS is_blockchain_verified,
                           0 AS consecutive_snapshot_failures, now() AS created_at, now() AS updated_at
                    FROM gold_backup_wallets_%d b
                    """.formatted(backupId));
            st.execute("ALTER TABLE bench_restored_mining ADD PRIMARY KEY (wallet_address)");
            st.execute("""
                    CREATE TABLE bench_restored_players AS
                    SELECT b.wallet_address, b.level, b.experience, b.bank_balance
                    FROM gold_backup_wallets_%d b WHERE b.level IS NOT NULL
                    """.formatted(backupId));
            st.execute("ALTER TABLE bench_restored_players ADD PRIMARY KEY (wallet_address)");
            c.commit();
            st.execute("DROP TABLE bench_restored_mining, bench_restored_players");
            c.commit();
        }
        return null;
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
}
