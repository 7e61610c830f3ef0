package io.goldbackup.gamestate;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.goldbackup.db.SchemaConfig;
import io.goldbackup.health.DatabaseWatch;
import io.goldbackup.testsupport.Db;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout in a real database: the service's tables in its own schema, the game's where the configuration says, and
 * game tables that lack what the service needs refused with every problem named, at start and by readiness.
 */
@QuarkusTest
class LiveTablesCheckTest {

    @Inject
    Db db;

    @Inject
    LiveTablesRepository liveTables;

    @Inject
    SchemaConfig schemas;

    @Inject
    DatabaseWatch watch;

    @Test
    void theServiceOwnsItsSchemaAndTheGameKeepsPublic() {
        assertEquals("gold_backup", schemas.service());
        List<String> own = db.strings("SELECT tablename FROM pg_tables WHERE schemaname = 'gold_backup'");
        assertTrue(own.containsAll(List.of("audit_events", "flyway_schema_history", "gold_backup_wallets",
                "gold_backups", "offsite_copies", "restore_run_targets", "restore_runs")), own::toString);
        assertEquals(List.of("gold_mining", "owned_meks", "players"),
                db.strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
        assertEquals(List.of(), liveTables.problems());
    }

    @Test
    void gameTablesWithoutWhatTheServiceNeedsAreRefusedWithEveryProblemNamed() {
        db.execute("""
                DROP SCHEMA IF EXISTS broken_game CASCADE;
                CREATE SCHEMA broken_game;
                CREATE TABLE broken_game.gold_mining (
                    wallet_address text PRIMARY KEY, accumulated_gold double precision,
                    last_snapshot_time timestamptz, last_active_time timestamptz, is_blockchain_verified boolean,
                    consecutive_snapshot_failures integer, created_at timestamptz, updated_at timestamptz);
                CREATE TABLE broken_game.owned_meks (wallet_address text, asset_id text, gold_per_hour numeric);
                """);
        try {
            List<String> problems = liveTables.problems("broken_game");

            assertEquals(List.of("column gold_mining.total_gold_per_hour is missing",
                    "owned_meks.gold_per_hour has type numeric, needs float8", "table broken_game.players is missing"),
                    problems);
            String message = LiveTablesCheck.message(schemas, problems);
            assertTrue(message.contains("gold-backup.live.schema") && message.contains("total_gold_per_hour")
                    && message.contains("players is missing"), message);
        } finally {
            db.execute("DROP SCHEMA broken_game CASCADE");
        }
    }

    @Test
    void readinessSaysWhenTheGameTablesChangeLater() {
        db.execute("ALTER TABLE public.players RENAME COLUMN bank_balance TO bank");
        try {
            watch.refresh();
            given().get("/q/health/ready").then().statusCode(503)
                    .body(containsString("column players.bank_balance is missing"));
        } finally {
            db.execute("ALTER TABLE public.players RENAME COLUMN bank TO bank_balance");
            watch.refresh();
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
