package io.goldbackup.db;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups and restores wait for the game's locks only so long: each attempt gives up after the lock timeout (300 ms
 * in tests) so the game's writes do not queue behind it, and after the total wait (2 s in tests) the operation fails,
 * naming what it could not lock, with nothing changed; once the game lets go, the next one succeeds.
 */
@QuarkusTest
class LockWaitsTest {

    private static final String WALLET = GameStateSeeder.demoAddress(3);
    private static final String OTHER = GameStateSeeder.demoAddress(4);

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
        db.seed(1, 20);
    }

    private static ValidatableResponse backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\",\"backupName\":\"behind a migration\"}").post("/api/v1/backups")
                .then();
    }

    private static ValidatableResponse restore(long backupId, String targets) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + backupId + (targets == null ? "" : ",\"targetWallets\":" + targets)
                        + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .post("/api/v1/restores").then();
    }

    @Test
    void aBackupBehindAGameMigrationGivesUpNamingTheTablesAndLeavesNothing() throws Exception {
        try (Connection game = db.dataSource().getConnection(); Statement st = game.createStatement()) {
            game.setAutoCommit(false);
            st.execute("LOCK TABLE players IN ACCESS EXCLUSIVE MODE"); // a migration holding the table
            backup().statusCode(500).contentType("application/problem+json")
                    .body("detail", containsString("could not lock the tables gold_mining, owned_meks and players"));
            game.rollback();
        }
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE backup_name = 'behind a migration'"));
        assertTrue(((String) db.single("SELECT error FROM gold_backups WHERE backup_name = 'behind a migration'"))
                .contains("could not lock"));
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname ~ '^gold_backup_wallets_[0-9]+$'"));
        backup().statusCode(201); // the game let go
    }

    @Test
    void aFullRestoreWaitingForAGameTransactionDoesNotStallTheGamesWrites() throws Exception {
        long id = backup().statusCode(201).extract().jsonPath().getLong("id");
        TableRows before;
        try (Connection game = db.dataSource().getConnection();
                Statement st = game.createStatement();
                Connection writer = db.dataSource().getConnection();
                Statement w = writer.createStatement()) {
            before = db.liveRows();
            game.setAutoCommit(false);
            // A long game transaction holds a row of gold_mining (and so ROW EXCLUSIVE on the table).
            st.executeUpdate("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 1 WHERE wallet_address = '"
                    + WALLET + "'");
            CompletableFuture<ValidatableResponse> restore = CompletableFuture.supplyAsync(() -> restore(id, null));
            Thread.sleep(500);
            // Meanwhile the game writes another wallet: it must not queue behind the restore's lock request for long.
            w.execute("SET lock_timeout = '1500ms'");
            assertEquals(1, w.executeUpdate("UPDATE gold_mining SET accumulated_gold = accumulated_gold + 2 "
                    + "WHERE wallet_address = '" + OTHER + "'"), "the game's write went through");
            restore.get(30, TimeUnit.SECONDS).statusCode(500)
                    .body("detail", containsString("could not lock the tables gold_mining and players"));
            game.rollback();
            w.executeUpdate("UPDATE gold_mining SET accumulated_gold = accumulated_gold - 2 WHERE wallet_address = '"
                    + OTHER + "'");
        }
        assertEquals(1L, db.count("SELECT count(*) FROM restore_runs WHERE status = 'failed' AND error LIKE "
                + "'could not lock%'"));
        db.assertUnchanged(before, "the restore that gave up changed nothing");
        restore(id, null).statusCode(200);
    }

    @Test
    void aTargetedRestoreWaitingForAGameRowLockGivesUpNamingTheRows() throws Exception {
        long id = backup().statusCode(201).extract().jsonPath().getLong("id");
        try (Connection game = db.dataSource().getConnection(); Statement st = game.createStatement()) {
            game.setAutoCommit(false);
            st.execute("SELECT 1 FROM gold_mining WHERE wallet_address = '" + WALLET + "' FOR UPDATE");
            restore(id, "[\"" + WALLET + "\"]").statusCode(500)
                    .body("detail", containsString("could not lock the named wallets' rows"));
            game.rollback();
        }
        restore(id, "[\"" + WALLET + "\"]").statusCode(200);
    }
}
