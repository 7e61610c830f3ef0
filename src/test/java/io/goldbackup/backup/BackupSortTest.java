package io.goldbackup.backup;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackupSortTest {

    @Test
    void withoutASortTheListIsByTime() {
        assertSame(BackupSort.TIME, BackupSort.fromWire("sort", null));
        assertSame(BackupSort.TIME, BackupSort.fromWire("sort", ""));
        assertSame(BackupSort.TIME, BackupSort.fromWire("sort", "  "));
    }

    @Test
    void everySortParsesFromItsWireSpelling() {
        assertSame(BackupSort.SIZE, BackupSort.fromWire("sort", "size"));
        for (BackupSort sort : BackupSort.values()) {
            assertSame(sort, BackupSort.fromWire("sort", sort.wire()));
        }
    }

    @Test
    void anUnknownSortIsRefusedNamingTheFieldAndTheAllowedValues() {
        for (String wrong : new String[]{"date", "TIME", " time", "sizeBytes"}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> BackupSort.fromWire("sort", wrong), wrong);
            assertEquals(List.of(new Problem.Violation("sort",
                    "must be one of time, name, type, status, wallets, size, duration")), refused.violations());
        }
    }
}
