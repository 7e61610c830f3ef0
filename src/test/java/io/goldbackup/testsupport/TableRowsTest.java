package io.goldbackup.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.TableRows.Row;
import io.goldbackup.testsupport.TableRows.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableRowsTest {

    private static Row wallet(String address, String gold) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("wallet_address", address);
        columns.put("accumulated_gold", gold);
        columns.put("total_gold_per_hour", "10");
        return new Row(columns);
    }

    private static Row backup(long id, String status) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", String.valueOf(id));
        columns.put("status", status);
        return new Row(columns);
    }

    private static TableRows of(Map<String, Row> wallets, Map<String, Row> backups) {
        Map<Table, SortedMap<String, Row>> tables = new LinkedHashMap<>();
        SortedMap<String, Row> mining = new TreeMap<>(TableRows.GOLD_MINING.keyOrder());
        mining.putAll(wallets);
        tables.put(TableRows.GOLD_MINING, mining);
        SortedMap<String, Row> metadata = new TreeMap<>(TableRows.GOLD_BACKUPS.keyOrder());
        metadata.putAll(backups);
        tables.put(TableRows.GOLD_BACKUPS, metadata);
        return new TableRows(tables);
    }

    @Test
    void equalRowsHaveNoDifferences() {
        TableRows before = of(Map.of("a", wallet("a", "1")), Map.of("1", backup(1, "completed")));
        TableRows after = of(Map.of("a", wallet("a", "1")), Map.of("1", backup(1, "completed")));
        assertEquals("", before.differencesTo(after));
    }

    @Test
    void addedRemovedAndChangedRowsAreNamedWithTheirColumns() {
        TableRows before = of(Map.of("a", wallet("a", "1"), "b", wallet("b", "2")),
                Map.of("9", backup(9, "completed")));
        TableRows after = of(Map.of("a", wallet("a", "1000"), "c", wallet("c", "3")),
                Map.of("9", backup(9, "completed"), "10", backup(10, "running")));
        String differences = before.differencesTo(after);
        assertEquals("""
                gold_mining: 3 row(s) differ (1 added, 1 removed, 1 changed)
                  ~ changed a: accumulated_gold: 1 -> 1000
                      before {wallet_address=a, accumulated_gold=1, total_gold_per_hour=10}
                      after  {wallet_address=a, accumulated_gold=1000, total_gold_per_hour=10}
                  - removed b: {wallet_address=b, accumulated_gold=2, total_gold_per_hour=10}
                  + added c: {wallet_address=c, accumulated_gold=3, total_gold_per_hour=10}
                gold_backups: 1 row(s) differ (1 added, 0 removed, 0 changed)
                  + added 10: {id=10, status=running}
                """, differences);
    }

    @Test
    void aNullColumnIsADifference() {
        TableRows before = of(Map.of("a", wallet("a", null)), Map.of());
        TableRows after = of(Map.of("a", wallet("a", "0")), Map.of());
        assertTrue(before.differencesTo(after).contains("accumulated_gold: null -> 0"));
    }

    @Test
    void numericKeysSortAsNumbers() {
        TableRows before = of(Map.of(), Map.of());
        TableRows after = of(Map.of(), Map.of("10", backup(10, "failed"), "9", backup(9, "failed")));
        String differences = before.differencesTo(after);
        assertTrue(differences.indexOf("added 9:") < differences.indexOf("added 10:"), differences);
    }

    @Test
    void eachTableListsItsFirstTenDifferencesAndCountsAll() {
        Map<String, Row> many = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            String key = String.format("w%02d", i);
            many.put(key, wallet(key, "1"));
        }
        String differences = of(Map.of(), Map.of("1", backup(1, "completed")))
                .differencesTo(of(many, Map.of("1", backup(1, "failed"))));
        assertTrue(differences.startsWith("gold_mining: 25 row(s) differ (25 added, 0 removed, 0 changed)\n"));
        assertTrue(differences.contains("+ added w09:"));
        assertFalse(differences.contains("+ added w10:"), "the eleventh is not listed");
        assertTrue(differences.contains("  ... and 15 more in gold_mining\n"));
        assertTrue(differences.endsWith("""
                gold_backups: 1 row(s) differ (0 added, 0 removed, 1 changed)
                  ~ changed 1: status: completed -> failed
                      before {id=1, status=completed}
                      after  {id=1, status=failed}
                """), "another table's differences are listed too");
    }
}
