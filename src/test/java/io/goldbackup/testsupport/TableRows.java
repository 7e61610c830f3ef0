package io.goldbackup.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rows of some tables at one moment, each table as a sorted map from primary key to the row's columns, so that
 * a test that expects "nothing changed" can say which rows were added, removed or changed, and in which columns,
 * instead of only that a digest moved.
 * <p>
 * Columns are kept as PostgreSQL prints them (exact for floats and to the microsecond for timestamps). One query
 * per table, the whole table: meant for the tests' data sets (up to a few thousand wallets, eight meks each).
 */
public final class TableRows {

    /** How many differing rows of each table a failure message lists; the counts cover all of them. */
    static final int LISTED = 10;

    /**
     * A table and its primary key, with the order its keys sort in, and the columns left out of the comparison.
     *
     * @param ignoredColumns bookkeeping that changes without the data changing
     */
    public record Table(String name, List<String> keyColumns, Comparator<String> keyOrder,
            List<String> ignoredColumns) {

        public Table(String name, List<String> keyColumns, Comparator<String> keyOrder) {
            this(name, keyColumns, keyOrder, List.of());
        }
    }

    public static final Table GOLD_MINING = new Table("gold_mining", List.of("wallet_address"),
            Comparator.naturalOrder());
    public static final Table OWNED_MEKS = new Table("owned_meks", List.of("wallet_address", "asset_id"),
            Comparator.naturalOrder());
    public static final Table PLAYERS = new Table("players", List.of("wallet_address"), Comparator.naturalOrder());
    /**
     * The backup metadata without the last verification's record: every restore and dry run verifies its backup first,
     * and noting when (and that it passed) changes no backup. A verification that fails does change one: its status.
     */
    public static final Table GOLD_BACKUPS = new Table("gold_backups", List.of("id"),
            Comparator.comparingLong(Long::parseLong),
            List.of("last_verified_at", "last_verify_ok", "last_verify_detail"));

    /** The game's tables. */
    public static final List<Table> GAME = List.of(GOLD_MINING, OWNED_MEKS, PLAYERS);
    /** The game's tables and the backup metadata. */
    public static final List<Table> LIVE = List.of(GOLD_MINING, OWNED_MEKS, PLAYERS, GOLD_BACKUPS);

    /** One row: its columns in table order, each as PostgreSQL prints it (null for SQL NULL). */
    public record Row(Map<String, String> columns) {

        @Override
        public String toString() {
            return columns.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }

        /** The columns whose values differ from {@code other}'s, as {@code column: before -> after}. */
        String changesTo(Row other) {
            List<String> changes = new ArrayList<>();
            for (String column : columns.keySet()) {
                String before = columns.get(column);
                String after = other.columns.get(column);
                if (!Objects.equals(before, after)) {
                    changes.add(column + ": " + before + " -> " + after);
                }
            }
            for (String column : other.columns.keySet()) {
                if (!columns.containsKey(column)) {
                    changes.add(column + ": (no column) -> " + other.columns.get(column));
                }
            }
            return String.join(", ", changes);
        }
    }

    private final Map<Table, SortedMap<String, Row>> tables;

    /** Rows as given, by table; for tests of the comparison itself. */
    TableRows(Map<Table, SortedMap<String, Row>> tables) {
        this.tables = tables;
    }

    /** Reads {@code tables} whole, in one transaction, so the tables are seen at the same moment. */
    static TableRows read(Connection connection, List<Table> tables) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Map<Table, SortedMap<String, Row>> read = new LinkedHashMap<>();
            for (Table table : tables) {
                read.put(table, rows(st, table));
            }
            connection.commit();
            return new TableRows(read);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static SortedMap<String, Row> rows(Statement st, Table table) throws SQLException {
        SortedMap<String, Row> rows = new TreeMap<>(table.keyOrder());
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table.name())) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!table.ignoredColumns().contains(meta.getColumnName(i))) {
                        columns.put(meta.getColumnName(i), rs.getString(i));
                    }
                }
                String key = table.keyColumns().stream().map(columns::get).collect(Collectors.joining(" / "));
                rows.put(key, new Row(columns));
            }
        }
        return rows;
    }

    /** The tables this holds, in the order they were read. */
    public List<Table> tables() {
        return List.copyOf(tables.keySet());
    }

    /** The rows of {@code table} by primary key (several key columns joined by " / "). */
    public SortedMap<String, Row> rows(Table table) {
        SortedMap<String, Row> rows = tables.get(table);
        if (rows == null) {
            throw new IllegalArgumentException(table.name() + " is not in this snapshot");
        }
        return rows;
    }

    /**
     * What differs between this (before) and {@code after}, table by table: a count line per table with
     * differences, then its first {@value #LISTED} differing rows in key order. Empty when nothing differs.
     */
    public String differencesTo(TableRows after) {
        StringBuilder out = new StringBuilder();
        for (Table table : tables.keySet()) {
            SortedMap<String, Row> old = rows(table);
            SortedMap<String, Row> now = after.rows(table);
            SortedMap<String, String> lines = new TreeMap<>(table.keyOrder());
            int added = 0;
            int removed = 0;
            int changed = 0;
            for (Map.Entry<String, Row> row : old.entrySet()) {
                Row then = row.getValue();
                Row later = now.get(row.getKey());
                if (later == null) {
                    removed++;
                    lines.put(row.getKey(), "  - removed " + row.getKey() + ": " + then);
                } else if (!then.equals(later)) {
                    changed++;
                    lines.put(row.getKey(), "  ~ changed " + row.getKey() + ": " + then.changesTo(later)
                            + "\n      before " + then + "\n      after  " + later);
                }
            }
            for (Map.Entry<String, Row> row : now.entrySet()) {
                if (!old.containsKey(row.getKey())) {
                    added++;
                    lines.put(row.getKey(), "  + added " + row.getKey() + ": " + row.getValue());
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            out.append(table.name()).append(": ").append(lines.size()).append(" row(s) differ (")
                    .append(added).append(" added, ").append(removed).append(" removed, ").append(changed)
                    .append(" changed)\n");
            lines.values().stream().limit(LISTED).forEach(line -> out.append(line).append('\n'));
            if (lines.size() > LISTED) {
                out.append("  ... and ").append(lines.size() - LISTED).append(" more in ").append(table.name())
                        .append('\n');
            }
        }
        return out.toString();
    }
}
