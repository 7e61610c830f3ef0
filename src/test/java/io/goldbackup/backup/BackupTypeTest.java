package io.goldbackup.backup;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackupTypeTest {

    @Test
    void theWireSpellingsAreTheSeeds() {
        assertEquals(List.of("auto_daily", "manual", "pre_update", "pre_migration", "emergency"),
                Arrays.stream(BackupType.values()).map(BackupType::wire).toList());
    }

    @Test
    void everyWireSpellingParsesBackToItsType() {
        for (BackupType type : BackupType.values()) {
            assertSame(type, BackupType.fromWire("type", type.wire()));
        }
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheFieldAndTheAllowedValues() {
        for (String wrong : new String[]{"weekly", "MANUAL", "Manual", " manual", "auto-daily", "", null}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> BackupType.fromWire("type", wrong), String.valueOf(wrong));
            assertEquals(List.of(new Problem.Violation("type",
                    "must be one of auto_daily, manual, pre_update, pre_migration, emergency")),
                    refused.violations());
        }
    }

    @Test
    void aJsonBodyNamesItsBackupTypeField() {
        assertSame(BackupType.PRE_MIGRATION, BackupType.fromJson("pre_migration"));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> BackupType.fromJson("weekly"));
        assertEquals("backupType", refused.violations().get(0).field());
    }

    @Test
    void namePrefixesFollowTheSeedsNamingPattern() {
        assertEquals(List.of("Auto Daily", "Manual", "Pre-update", "Pre-migration", "Emergency"),
                Arrays.stream(BackupType.values()).map(BackupType::namePrefix).toList());
    }
}
