package io.goldbackup.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.goldbackup.testsupport.Db;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upgrade from the layout where everything lived in public (src/test/resources/db/public-layout holds its
 * migrations exactly as that release shipped them) to the service's own schema, in a database of its own on the tests'
 * PostgreSQL: every backup with its rows, every audit event, restore run and off-site copy comes across, the game's
 * tables stay in public untouched, and the service's migrations then run as on any installation.
 */
@QuarkusTest
class SchemaUpgradeTest {

    private static final String DATABASE = "gold_upgrade";

    @Inject
    Db db;

    @Test
    void anInstallationInPublicMovesToItsOwnSchemaWithEverything() throws SQLException {
        PGSimpleDataSource ds = freshDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/public-layout").load().migrate();
        execute(ds, """
                INSERT INTO gold_mining (wallet_address, accumulated_gold, total_gold_per_hour)
                    VALUES ('addr1', 10, 1), ('addr2', 20, 2);
                INSERT INTO gold_backups (backup_timestamp, backup_name, backup_type, triggered_by, status,
                                          total_users_backed_up, snapshot_version, system_version, expires_at,
                                          checksum)
                    VALUES (now(), 'before the move', 'manual', 'alice', 'completed', 2, 2, '1.0',
                            now() + interval '30 days', 'abc');
                CREATE TABLE gold_backup_wallets_1 (LIKE gold_backup_wallets INCLUDING ALL,
                                                    CHECK (backup_id = 1));
                INSERT INTO gold_backup_wallets_1 (backup_id, wallet_address, current_gold, gold_per_hour, mek_count)
                    VALUES (1, 'addr1', 10, 1, 0), (1, 'addr2', 20, 2, 0);
                ALTER TABLE gold_backup_wallets ATTACH PARTITION gold_backup_wallets_1 FOR VALUES IN (1);
                CREATE TABLE gold_backup_wallets_2 (LIKE gold_backup_wallets INCLUDING ALL);
                INSERT INTO audit_events (actor, action, outcome, operation_id)
                    VALUES ('alice', 'backup.create', 'success', 'op-1');
                INSERT INTO restore_runs (backup_id, dry_run, triggered_by, started_at, status)
                    VALUES (1, false, 'alice', now(), 'completed');
                INSERT INTO restore_run_targets (run_id, wallet_address) VALUES (1, 'addr1');
                INSERT INTO offsite_copies (backup_id, backup_uuid, backup_type, target, status)
                    SELECT id, uuid, backup_type, 'primary', 'completed' FROM gold_backups;
                """);

        migrateToOwnSchema(ds);

        assertEquals(List.of("gold_mining", "owned_meks", "players"),
                strings(ds, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
        assertEquals(List.of("before the move|completed|2"), strings(ds, """
                SELECT backup_name || '|' || status || '|' || (SELECT count(*) FROM gold_backup.gold_backup_wallets)
                FROM gold_backup.gold_backups"""));
        assertEquals(List.of("gold_backup.gold_backup_wallets_1"), strings(ds, """
                SELECT inhrelid::regclass::text FROM pg_inherits
                WHERE inhparent = 'gold_backup.gold_backup_wallets'::regclass"""));
        assertEquals(List.of("gold_backup"), strings(ds, """
                SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'gold_backup_wallets_2'"""),
                "a partition left detached comes across too, for recovery to find");
        assertEquals(List.of("1|1|1|1"), strings(ds, """
                SELECT (SELECT count(*) FROM gold_backup.audit_events) || '|'
                    || (SELECT count(*) FROM gold_backup.restore_runs) || '|'
                    || (SELECT count(*) FROM gold_backup.restore_run_targets) || '|'
                    || (SELECT count(*) FROM gold_backup.offsite_copies)"""));
        assertEquals(List.of("addr1|10", "addr2|20"), strings(ds,
                "SELECT wallet_address || '|' || accumulated_gold FROM public.gold_mining ORDER BY 1"));
        assertEquals(List.of("2"), strings(ds, """
                INSERT INTO gold_backup.gold_backups (backup_timestamp, backup_name, backup_type, triggered_by,
                                                      snapshot_version, system_version, expires_at)
                VALUES (now(), 'after the move', 'manual', 'bob', 2, '1.1', now()) RETURNING id"""),
                "ids go on where they were");
        SQLException refused = assertThrows(SQLException.class,
                () -> execute(ds, "UPDATE gold_backup.audit_events SET actor = 'mallory'"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertTrue(strings(ds, "SELECT to_regclass('gold_backup.flyway_schema_history_public_layout')::text")
                .get(0) != null, "the old history is kept for the record");

        migrateToOwnSchema(ds);
        assertEquals(List.of("2"), strings(ds, "SELECT count(*) FROM gold_backup.gold_backups"),
                "a second start changes nothing");
    }

    @Test
    void anInstallationOnAnOlderVersionIsToldWhatToDoFirst() throws SQLException {
        PGSimpleDataSource ds = freshDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/public-layout").target("7").load().migrate();

        FlywayException refused = assertThrows(FlywayException.class, () -> migrateToOwnSchema(ds));

        assertTrue(refused.getMessage().contains("at migration version 7, not 8"), refused.getMessage());
        assertEquals(List.of("gold_backups"), strings(ds,
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = 'gold_backups'"),
                "nothing moved");
    }

    /** What the service's Flyway does at start, with the default schemas. */
    private static void migrateToOwnSchema(PGSimpleDataSource ds) {
        Flyway.configure().dataSource(ds).schemas("gold_backup").locations("classpath:db/service")
                .placeholders(Map.of("live_schema", "public")).load().migrate();
    }

    private PGSimpleDataSource freshDatabase() {
        db.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        db.execute("CREATE DATABASE " + DATABASE);
        var config = ConfigProvider.getConfig();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config.getValue("quarkus.datasource.jdbc.url", String.class)
                .replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1"));
        ds.setUser(config.getValue("quarkus.datasource.username", String.class));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(ds::setPassword);
        return ds;
    }

    private static void execute(PGSimpleDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> strings(PGSimpleDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
