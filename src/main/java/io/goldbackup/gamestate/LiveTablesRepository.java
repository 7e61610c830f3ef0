package io.goldbackup.gamestate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.SchemaConfig;
import io.goldbackup.db.Sql;

/**
 * Reads from the catalog what the game's tables look like and what this role may do with them, and says what is wrong
 * ({@link LiveTables}); and whether they lie on disk in address order, for the plans of backups and restores. A few catalog rows: cheap enough for the readiness check to repeat.
 */
@ApplicationScoped
public class LiveTablesRepository {

    private final AgroalDataSource dataSource;
    private final SchemaConfig schemas;

    LiveTablesRepository(AgroalDataSource dataSource, SchemaConfig schemas) {
        this.dataSource = dataSource;
        this.schemas = schemas;
    }

    /** The correlation from which a table counts as lying in address order ({@link #inAddressOrder}). */
    static final double IN_ORDER = 0.8;

    /**
     * Whether every one of {@code tables} (live tables, on the session's search path) lies on disk in the order of
     * its wallet addresses, as PostgreSQL's statistics tell (the correlation of {@code wallet_address} with the
     * physical order, at least {@value #IN_ORDER}). Where they do, reading a million rows through the address key
     * costs about what a sequential scan does, and streams in address order: merge joins instead of hash tables of a
     * million rows, no sorts. Where they do not (a game's tables fill in the order players come), each row read
     * through the key is a random read, and PostgreSQL's own choice stays. Read on the caller's session.
     */
    public boolean inAddressOrder(DbSession session, String... tables) {
        return Sql.call("reading the live tables' order on disk", () -> {
            Connection c = session.connection();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE s.correlation >= ?) = cardinality(?::text[])
                    FROM unnest(?::text[]) AS t(name)
                    JOIN pg_class r ON r.oid = to_regclass(t.name)
                    JOIN pg_namespace n ON n.oid = r.relnamespace
                    JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = r.relname
                                    AND s.attname = 'wallet_address'
                    """)) {
                ps.setDouble(1, IN_ORDER);
                ps.setArray(2, c.createArrayOf("text", tables));
                ps.setArray(3, c.createArrayOf("text", tables));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * Whether the live wallets (the rows of {@code gold_mining}) number exactly {@code count}, read on the caller's
     * session: counted only where the statistics' estimate comes within a hundredth of it, so that the question costs
     * a catalog row when the answer is plainly no. A restore under its table lock asks whether it changes every
     * wallet there is.
     */
    public boolean walletsNumber(DbSession session, long count) {
        return Sql.call("counting the live wallets", () -> {
            try (PreparedStatement ps = session.connection().prepareStatement("""
                    SELECT CASE WHEN r.reltuples >= ? THEN (SELECT count(*) FROM gold_mining) END
                    FROM pg_class r WHERE r.oid = to_regclass('gold_mining')
                    """)) {
                ps.setDouble(1, count * 0.99);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) == count && !rs.wasNull();
                }
            }
        });
    }

    /** The problems with the game's tables in the configured schema; empty when backups and restores can run. */
    public List<String> problems() {
        return problems(schemas.live());
    }

    /** The problems with the game's tables in {@code schema}. */
    public List<String> problems(String schema) {
        return Sql.call("reading the game's tables from the catalog", () -> {
            try (Connection c = dataSource.getConnection()) {
                List<LiveTables.Table> tables = new ArrayList<>();
                List<LiveTables.Column> columns = new ArrayList<>();
                Set<String> shadowing = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT c.relname, has_table_privilege(c.oid, 'DELETE'), a.attname, t.typname, co.collname,
                               a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '',
                               has_column_privilege(c.oid, a.attnum, 'SELECT'),
                               has_column_privilege(c.oid, a.attnum, 'INSERT'),
                               has_column_privilege(c.oid, a.attnum, 'UPDATE')
                        FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                        JOIN pg_type t ON t.oid = a.atttypid
                        LEFT JOIN pg_collation co ON co.oid = a.attcollation
                        WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname = ANY (?)
                        ORDER BY c.relname, a.attnum
                        """)) {
                    ps.setString(1, schema);
                    ps.setArray(2, c.createArrayOf("text", LiveTables.TABLES.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String table = rs.getString(1);
                            if (tables.stream().noneMatch(t -> t.name().equals(table))) {
                                tables.add(new LiveTables.Table(table, rs.getBoolean(2)));
                            }
                            columns.add(new LiveTables.Column(table, rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9)));
                        }
                    }
                }
                if (!schema.equals(schemas.service())) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT relname FROM pg_class WHERE relnamespace = to_regnamespace(?) AND relname = ANY (?)")) {
                        ps.setString(1, schemas.service());
                        ps.setArray(2, c.createArrayOf("text", LiveTables.TABLES.toArray()));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                shadowing.add(rs.getString(1));
                            }
                        }
                    }
                }
                return LiveTables.problems(schema, tables, columns, shadowing);
            }
        });
    }
}
