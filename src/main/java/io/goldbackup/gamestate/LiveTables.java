package io.goldbackup.gamestate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the service needs of the game's tables, and what is wrong with the ones it finds: every column a backup reads
 * and a restore writes, with a compatible type, the rights to read and write them, and nothing of the service's own
 * schema shadowing them. Pure: {@link LiveTablesRepository} reads the catalog, this compares.
 */
public final class LiveTables {

    /** The tables the service reads, in the order the problems name them. */
    public static final List<String> TABLES = List.of("gold_mining", "owned_meks", "players");

    /** Where a restore writes: it updates these columns and re-creates (inserts) and, on undo, deletes rows. */
    static final Map<String, Set<String>> UPDATED = Map.of(
            "gold_mining", Set.of("accumulated_gold", "total_gold_per_hour", "last_snapshot_time", "updated_at"),
            "players", Set.of("level", "experience", "bank_balance"));
    static final Map<String, Set<String>> INSERTED = Map.of(
            "gold_mining", Set.of("wallet_address", "accumulated_gold", "total_gold_per_hour", "last_snapshot_time",
                    "last_active_time", "created_at", "updated_at"),
            "players", Set.of("wallet_address", "level", "experience", "bank_balance"));

    private static final Set<String> ADDRESS = Set.of("text", "varchar");
    private static final Set<String> AMOUNT = Set.of("float8");
    private static final Set<String> TIME = Set.of("timestamptz");
    private static final Set<String> COUNT = Set.of("int2", "int4", "int8");
    /** Collations that compare addresses byte-wise like the backups' own column (or give way to it: the default). */
    private static final Set<String> ADDRESS_COLLATIONS = Set.of("default", "C", "POSIX");

    /** Every column the service uses, by table, with the types it accepts (PostgreSQL's type names). */
    static final Map<String, Map<String, Set<String>>> COLUMNS = Map.of(
            "gold_mining", Map.of("wallet_address", ADDRESS, "accumulated_gold", AMOUNT, "total_gold_per_hour", AMOUNT,
                    "last_snapshot_time", TIME, "last_active_time", TIME, "is_blockchain_verified", Set.of("bool"),
                    "consecutive_snapshot_failures", COUNT, "created_at", TIME, "updated_at", TIME),
            "owned_meks", Map.of("wallet_address", ADDRESS, "asset_id", ADDRESS, "gold_per_hour", AMOUNT),
            "players", Map.of("wallet_address", ADDRESS, "level", COUNT, "experience", Set.of("int4", "int8"),
                    "bank_balance", AMOUNT));

    private LiveTables() {
    }

    /**
     * One column of a game table as the catalog describes it.
     *
     * @param type PostgreSQL's type name ({@code pg_type.typname}, e.g. {@code float8})
     * @param collation the column's collation name, or null for a type without one
     * @param required NOT NULL without a default: an insert must give it
     */
    public record Column(String table, String name, String type, String collation, boolean required,
            boolean canSelect, boolean canInsert, boolean canUpdate) {
    }

    /** A game table's own rights: what a restore needs beyond its columns'. */
    public record Table(String name, boolean canDelete) {
    }

    /**
     * The problems, each a sentence naming what to fix; empty when the service can back up and restore.
     *
     * @param schema the game's schema, for the messages
     * @param tables the game tables found there
     * @param columns their columns
     * @param shadowing names of game tables that the service's own schema also holds (its search path would find
     *        those first)
     */
    public static List<String> problems(String schema, List<Table> tables, List<Column> columns,
            Set<String> shadowing) {
        List<String> problems = new ArrayList<>();
        Set<String> found = tables.stream().map(Table::name).collect(Collectors.toSet());
        for (String table : TABLES) {
            if (!found.contains(table)) {
                problems.add("table " + schema + "." + table + " is missing");
                continue;
            }
            if (shadowing.contains(table)) {
                problems.add("the service's own schema holds a table " + table
                        + " that hides the game's: drop or rename it");
            }
            Map<String, Column> byName = columns.stream().filter(c -> c.table().equals(table))
                    .collect(Collectors.toMap(Column::name, c -> c));
            COLUMNS.get(table).entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> check(problems, table, e.getKey(), e.getValue(), byName.get(e.getKey())));
            byName.values().stream()
                    .filter(c -> c.required() && INSERTED.containsKey(table) && !INSERTED.get(table).contains(c.name()))
                    .map(c -> table + "." + c.name() + " is NOT NULL without a default: a restore that re-creates a "
                            + "wallet cannot fill it (give it a default)")
                    .sorted().forEach(problems::add);
            if (UPDATED.containsKey(table) && tables.stream().anyMatch(t -> t.name().equals(table) && !t.canDelete())) {
                problems.add("no DELETE on " + table + " (an undo removes the wallets a restore re-created)");
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String table, String name, Set<String> types, Column column) {
        String qualified = table + "." + name;
        if (column == null) {
            problems.add("column " + qualified + " is missing");
            return;
        }
        if (!types.contains(column.type())) {
            problems.add(qualified + " has type " + column.type() + ", needs " + String.join(" or ", sorted(types)));
        } else if (ADDRESS.equals(types) && !ADDRESS_COLLATIONS.contains(column.collation())) {
            problems.add(qualified + " has collation \"" + column.collation() + "\": the service compares addresses "
                    + "byte-wise, give it COLLATE \"C\" or the database's default");
        }
        if (!column.canSelect()) {
            problems.add("no SELECT on " + qualified);
        }
        if (UPDATED.getOrDefault(table, Set.of()).contains(name) && !column.canUpdate()) {
            problems.add("no UPDATE on " + qualified + " (a restore writes it)");
        }
        if (INSERTED.getOrDefault(table, Set.of()).contains(name) && !column.canInsert()) {
            problems.add("no INSERT on " + qualified + " (a restore re-creates deleted wallets)");
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
