package io.goldbackup.backup;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackupFilterTest {

    @Test
    void noFilterMatchesEveryBackup() {
        BackupFilter filter = BackupFilter.of(Optional.empty(), Optional.empty());
        assertEquals("1 = 1", filter.query());
        assertEquals(Map.of(), filter.params());
    }

    @Test
    void typeAndStatusAreBoundParametersInTheirWireSpelling() {
        BackupFilter filter = BackupFilter.of(Optional.of(BackupType.PRE_MIGRATION),
                Optional.of(BackupStatus.COMPLETED));
        assertEquals("1 = 1 and backupType = :type and status = :status", filter.query());
        assertEquals(Map.of("type", "pre_migration", "status", "completed"), filter.params());
    }

    @Test
    void aStatusAloneFiltersOnlyTheStatus() {
        BackupFilter filter = BackupFilter.of(Optional.empty(), Optional.of(BackupStatus.FAILED));
        assertEquals("1 = 1 and status = :status", filter.query());
        assertEquals(Map.of("status", "failed"), filter.params());
    }

    @Test
    void aNameSearchIsABoundPatternWhoseWildcardsMatchThemselvesAndDaysAreARange() {
        java.time.Instant from = java.time.Instant.parse("2026-12-01T00:00:00Z");
        java.time.Instant to = java.time.Instant.parse("2026-12-02T00:00:00Z");
        BackupFilter filter = BackupFilter.of(new BackupSearch(Optional.empty(), Optional.empty(),
                Optional.of("50%_a\\b"), Optional.of(from), Optional.of(to)));
        assertEquals("1 = 1 and lower(backupName) like lower(:name) escape '\\' and backupTimestamp >= :from "
                + "and backupTimestamp < :to", filter.query());
        assertEquals(Map.of("name", "%50\\%\\_a\\\\b%", "from", from, "to", to), filter.params());
    }
}
