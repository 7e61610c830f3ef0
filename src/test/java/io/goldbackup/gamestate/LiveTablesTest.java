package io.goldbackup.gamestate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the service needs of the game's tables, compared without a database. */
class LiveTablesTest {

    private static final Map<String, String> TYPES = Map.of("text", "C", "float8", "", "timestamptz", "", "bool", "",
            "int4", "", "int8", "");

    /** The game's tables as the demo creates them: everything in order, every right granted. */
    private static List<LiveTables.Column> complete() {
        List<LiveTables.Column> columns = new ArrayList<>();
        LiveTables.COLUMNS.forEach((table, byName) -> byName.forEach((name, types) -> {
            String type = types.contains("text") ? "text" : types.contains("int4") ? "int4" : types.iterator().next();
            columns.add(column(table, name, type));
        }));
        return columns;
    }

    private static LiveTables.Column column(String table, String name, String type) {
        String collation = TYPES.getOrDefault(type, "");
        return new LiveTables.Column(table, name, type, collation.isEmpty() ? null : collation, false, true, true,
                true);
    }

    private static List<LiveTables.Table> tables(String... names) {
        return java.util.Arrays.stream(names).map(n -> new LiveTables.Table(n, true)).toList();
    }

    @Test
    void completeTablesHaveNoProblem() {
        assertEquals(List.of(),
                LiveTables.problems("public", tables("gold_mining", "owned_meks", "players"), complete(),
                        Set.of()));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        List<LiveTables.Column> columns = new ArrayList<>(complete());
        columns.removeIf(c -> c.table().equals("players")
                || c.table().equals("gold_mining") && c.name().equals("total_gold_per_hour"));
        columns.replaceAll(c -> c.table().equals("owned_meks") && c.name().equals("gold_per_hour")
                ? column("owned_meks", "gold_per_hour", "numeric")
                : c);
        columns.add(new LiveTables.Column("gold_mining", "season", "int4", null, true, true, true, true));

        List<String> problems = LiveTables.problems("game", tables("gold_mining", "owned_meks"), columns, Set.of());

        assertEquals(List.of("column gold_mining.total_gold_per_hour is missing",
                "gold_mining.season is NOT NULL without a default: a restore that re-creates a wallet cannot fill it "
                        + "(give it a default)",
                "owned_meks.gold_per_hour has type numeric, needs float8", "table game.players is missing"), problems);
    }

    @Test
    void missingRightsAndForeignCollationsAndShadowsAreProblems() {
        List<LiveTables.Column> columns = new ArrayList<>(complete());
        columns.replaceAll(c -> switch (c.table() + "." + c.name()) {
            case "gold_mining.accumulated_gold" -> new LiveTables.Column(c.table(), c.name(), c.type(), null, false,
                    true, true, false);
            case "owned_meks.asset_id" -> new LiveTables.Column(c.table(), c.name(), c.type(), c.collation(), false,
                    false, false, false);
            case "players.wallet_address" -> new LiveTables.Column(c.table(), c.name(), c.type(), "en-US-x-icu", false,
                    true, true, true);
            default -> c;
        });
        List<LiveTables.Table> tables = List.of(new LiveTables.Table("gold_mining", false),
                new LiveTables.Table("owned_meks", false), new LiveTables.Table("players", true));

        List<String> problems = LiveTables.problems("public", tables, columns, Set.of("players"));

        assertTrue(problems.contains("no UPDATE on gold_mining.accumulated_gold (a restore writes it)"),
                problems::toString);
        assertTrue(problems.contains("no DELETE on gold_mining (an undo removes the wallets a restore re-created)"),
                problems::toString);
        assertTrue(problems.contains("no SELECT on owned_meks.asset_id"), problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("players.wallet_address has collation \"en-US-x-icu\"")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("holds a table players that hides the game's")),
                problems::toString);
        assertEquals(5, problems.size(), problems::toString);
    }
}
