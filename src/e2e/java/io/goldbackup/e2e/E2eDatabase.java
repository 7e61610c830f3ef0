package io.goldbackup.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** The external PostgreSQL the suite runs against ({@code -De2e.db.url}, {@code .username}, {@code .password}). */
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
     * A new empty database beside the suite's (dropped first if an earlier run left it), for a test that needs the
     * whole database to itself; its JDBC URL. The suite's role needs CREATEDB ({@code .ci/e2e-database} grants it).
     */
    static String fresh(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("CREATE DATABASE " + name);
        return url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
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
        return ds;
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
