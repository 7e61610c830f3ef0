package io.goldbackup.drill;

import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.Isolation;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;
import io.goldbackup.testsupport.Db;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checks' SQL on real scratch tables: a restore that writes a wallet wrong, loses one, invents one and keeps the
 * stale gold of another (the original system's mistake) is caught wallet by wallet, and the scratch tables are gone
 * when their transaction ends.
 */
@QuarkusTest
class ScratchRepositoryTest {

    @Inject
    Db db;

    @Inject
    Database database;

    @Inject
    ScratchRepository scratch;

    private long backupId;

    @BeforeEach
    void backup() {
        db.reset();
        db.seed(1, 50);
        backupId = DrillTest.backup();
    }

    @Test
    void aBrokenRestoreIsCaughtWalletByWallet() {
        Scratch tables = new Scratch(900_000 + backupId);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String source = Partitions.of(backupId);
        try (DbSession session = database.open()) {
            ScratchRepository.Comparison c = session.discarded(Isolation.REPEATABLE_READ, () -> {
                assertEquals(50, scratch.restore(session, tables, source, at));
                ScratchRepository.Comparison faithful = scratch.compare(session, tables, source, at);
                assertEquals(new ScratchRepository.Comparison(50, 50, 0, 0, 0, null, faithful.restoredGold(),
                        faithful.restoredRate(), faithful.restoredGold(), 0, null), faithful);
                Sql.run("breaking the restore", () -> {
                    try (Statement st = session.connection().createStatement()) {
                        String first = "(SELECT min(wallet_address) FROM " + source + ")";
                        String last = "(SELECT max(wallet_address) FROM " + source + ")";
                        st.execute("UPDATE " + tables.players() + " SET level = level + 1 WHERE wallet_address = "
                                + first);
                        st.execute("DELETE FROM " + tables.mining() + " WHERE wallet_address = " + last);
                        st.execute("INSERT INTO " + tables.mining() + " (wallet_address, accumulated_gold, "
                                + "total_gold_per_hour, last_snapshot_time) VALUES ('stake1u0000', 1, 1, now())");
                        // The stale accumulated gold: what the backup held before its accrual.
                        st.execute("UPDATE " + tables.mining() + " m SET accumulated_gold = b.accumulated_gold FROM "
                                + source + " b WHERE b.wallet_address = m.wallet_address AND b.current_gold <> "
                                + "b.accumulated_gold AND m.wallet_address = (SELECT min(wallet_address) FROM "
                                + source + " WHERE current_gold <> accumulated_gold AND wallet_address > " + first
                                + ")");
                    }
                });
                return scratch.compare(session, tables, source, at);
            });
            assertEquals(50, c.restored());
            assertEquals(50, c.sourceRows());
            assertEquals(1, c.missing());
            assertEquals(1, c.extra());
            assertEquals(2, c.differing(), "the wrong level and the stale gold");
            assertEquals("stake1u0000", c.firstDifference());
            assertEquals(1, c.ruleOff(), "the stale gold breaks the gold rule");
        }
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname LIKE ?",
                "gold_backup_drill_" + tables.drillId() + "%"));
    }
}
