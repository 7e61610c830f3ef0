package io.goldbackup.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The external PostgreSQL the suite runs against ({@code -De2e.db.url}, {@code .username}, {@code .password}): a game
 * database as production has it. The game's tables belong to the game's role ({@code -De2e.game.username},
 * {@code .password}), which the tests use to play the game (seed, change and delete wallets); the service's role holds
 * only the grants of docs/least-privilege.sql ({@code .ci/e2e-database} sets both up).
 */
final class E2eDatabase {

    private E2eDatabase() {
    }

    static String url() {
        return System.getProperty("e2e.db.url");
    }

    /** The datasource keys a packaged service needs to use this database. */
    static Map<String, String> serviceConfig() {
        return Map.of("quarkus.datasource.jdbc.url", url(),
                "quarkus.datasource.username", System.getProperty("e2e.db.username"),
                "quarkus.datasource.password", System.getProperty("e2e.db.password", ""));
    }

    static DataSource dataSource() {
        return dataSource(url());
    }

    /**
     * A new database beside the suite's (dropped first if an earlier run left it) with the game's tables and nothing
     * else, for a test that needs the whole database to itself; its JDBC URL. Here the service's role owns everything
     * (it needs CREATEDB, which {@code .ci/e2e-database} grants).
     */
    static String fresh(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("CREATE DATABASE " + name);
        String url = url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        execute(url, gameTables());
        return url;
    }

    /** The game's tables, as the demo migration creates them in dev and test (the service never does in prod). */
    static String gameTables() {
        try (InputStream in = E2eDatabase.class.getResourceAsStream("/db/demo/V1__demo_game_tables.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${live_schema}", "public");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The game's own connections: the owner of its tables. */
    static DataSource game() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url());
        ds.setUser(System.getProperty("e2e.game.username", "gold_game"));
        ds.setPassword(System.getProperty("e2e.game.password", "gold-game"));
        return ds;
    }

    /** Runs {@code sql} as the game. */
    static int game(String sql) {
        try (Connection c = game().getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** One value from the database at {@code url}. */
    static Object single(String url, String sql) {
        try (Connection c = dataSource(url).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static DataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(System.getProperty("e2e.db.username"));
        ds.setPassword(System.getProperty("e2e.db.password", ""));
        // The service's search path: its own schema, then the game's.
        ds.setCurrentSchema("gold_backup,public");
        return ds;
    }

    /** The first column of every row {@code sql} answers, as text. */
    static List<String> strings(String sql) {
        return strings(url(), sql);
    }

    /** The first column of every row {@code sql} answers on the database at {@code url}, as text. */
    static List<String> strings(String url, String sql) {
        try (Connection c = dataSource(url).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static Object single(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static int execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs {@code sql} on the database at {@code url}. */
    static int execute(String url, String sql) {
        try (Connection c = dataSource(url).getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
