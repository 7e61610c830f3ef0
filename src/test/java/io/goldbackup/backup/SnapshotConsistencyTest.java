package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.security.Actor;
import io.goldbackup.testsupport.Db;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes committed while backups run are wholly in a backup or wholly out: a writer moves gold between two
 * wallets and counts each move in a player's experience, one transaction per move, across two tables; every
 * backup must see the totals intact.
 */
@QuarkusTest
class SnapshotConsistencyTest {

    private static final String FROM = GameStateSeeder.demoAddress(900_001);
    private static final String TO = GameStateSeeder.demoAddress(900_002);

    @Inject
    Db db;

    @Inject
    BackupService service;

    @BeforeEach
    void reset() {
        db.reset();
    }

    @Test
    void aWriteCommittedDuringABackupIsWhollyInOrWhollyOut() throws Exception {
        db.seed(1, 3000);
        db.insertWallet(FROM, 1_000_000, 0, Instant.now(), false, 0);
        db.insertWallet(TO, 0, 0, Instant.now(), false, 0);
        db.insertPlayer(FROM, 1, 0, 0);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong moves = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement debit = c.prepareStatement(
                        "UPDATE gold_mining SET accumulated_gold = accumulated_gold - 1 WHERE wallet_address = ?");
                        PreparedStatement credit = c.prepareStatement(
                                "UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1 WHERE wallet_address = ?");
                        PreparedStatement count = c.prepareStatement(
                                "UPDATE players SET experience = experience + 1 WHERE wallet_address = ?")) {
                    debit.setString(1, FROM);
                    credit.setString(1, TO);
                    count.setString(1, FROM);
                    while (running.get()) {
                        debit.executeUpdate();
                        credit.executeUpdate();
                        count.executeUpdate();
                        c.commit();
                        moves.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Long> backups = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                backups.add(service.create(BackupType.MANUAL, "during writes " + i, null, Actor.SCHEDULER).id());
            }
        } finally {
            running.set(false);
            writer.get();
        }
        assertTrue(moves.get() > 0, "the writer ran beside the backups");
        for (long id : backups) {
            double from = gold(id, FROM);
            double to = gold(id, TO);
            long experience = ((Number) db.single(
                    "SELECT experience FROM gold_backup_wallets WHERE backup_id = ? AND wallet_address = ?", id, FROM))
                    .longValue();
            assertEquals(1_000_000.0, from + to, "gold moved between the wallets is neither lost nor doubled");
            assertEquals((long) to, experience, "both tables as of the same instant");
        }
    }

    private double gold(long backupId, String address) {
        return ((Number) db.single(
                "SELECT current_gold FROM gold_backup_wallets WHERE backup_id = ? AND wallet_address = ?", backupId,
                address)).doubleValue();
    }
}
