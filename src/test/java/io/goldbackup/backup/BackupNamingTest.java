package io.goldbackup.backup;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackupNamingTest {

    private static final Instant AT = Instant.parse("2026-11-25T14:05:59Z");

    @Test
    void autoDailyNameCarriesTheUtcDay() {
        assertEquals("Auto Daily 2026-11-25", BackupNaming.autoDaily(AT));
        // Late evening in New York is already the next day in UTC.
        assertEquals("Auto Daily 2026-11-26", BackupNaming.autoDaily(Instant.parse("2026-11-25T21:30:00-05:00")));
        assertEquals("Auto Daily 2026-11-25", BackupNaming.autoDaily(Instant.parse("2026-11-25T00:00:00Z")));
        assertEquals("Auto Daily 2026-11-25", BackupNaming.autoDaily(Instant.parse("2026-11-25T23:59:59.999Z")));
    }

    @Test
    void aDailyBackupIsNamedForItsDayWhateverNameIsAskedFor() {
        assertEquals("Auto Daily 2026-11-25", BackupNaming.nameFor(BackupType.AUTO_DAILY, "my name", AT));
        assertEquals("Auto Daily 2026-11-25", BackupNaming.nameFor(BackupType.AUTO_DAILY, null, AT));
    }

    @Test
    void aManualBackupKeepsItsNameWithoutSurroundingSpace() {
        assertEquals("Before the season reset", BackupNaming.nameFor(BackupType.MANUAL, "Before the season reset", AT));
        assertEquals("Before the season reset",
                BackupNaming.nameFor(BackupType.MANUAL, "  Before the season reset \t", AT));
    }

    @Test
    void aManualBackupWithoutANameIsNamedForTheMinuteInUtc() {
        assertEquals("Manual 2026-11-25 14:05 UTC", BackupNaming.nameFor(BackupType.MANUAL, null, AT));
        assertEquals("Manual 2026-11-25 14:05 UTC", BackupNaming.nameFor(BackupType.MANUAL, "", AT));
        assertEquals("Manual 2026-11-25 14:05 UTC", BackupNaming.nameFor(BackupType.MANUAL, "   ", AT));
    }

    @Test
    void otherTypesPutTheirPrefixBeforeTheDescription() {
        assertEquals("Pre-update v2.3 rollout", BackupNaming.nameFor(BackupType.PRE_UPDATE, "v2.3 rollout", AT));
        assertEquals("Pre-migration V6 players", BackupNaming.nameFor(BackupType.PRE_MIGRATION, " V6 players ", AT));
        assertEquals("Emergency exploit found", BackupNaming.nameFor(BackupType.EMERGENCY, "exploit found", AT));
    }

    @Test
    void aDescriptionThatAlreadyStartsWithThePrefixIsNotPrefixedTwice() {
        assertEquals("Pre-update v2.3", BackupNaming.nameFor(BackupType.PRE_UPDATE, "Pre-update v2.3", AT));
        assertEquals("pre-update v2.3", BackupNaming.nameFor(BackupType.PRE_UPDATE, "pre-update v2.3", AT),
                "the prefix is recognised in any case");
        assertEquals("Emergency before restore #12",
                BackupNaming.nameFor(BackupType.EMERGENCY, "Emergency before restore #12", AT));
    }

    @Test
    void otherTypesWithoutADescriptionAreNamedForTheMinuteInUtc() {
        assertEquals("Pre-update 2026-11-25 14:05 UTC", BackupNaming.nameFor(BackupType.PRE_UPDATE, null, AT));
        assertEquals("Pre-migration 2026-11-25 14:05 UTC", BackupNaming.nameFor(BackupType.PRE_MIGRATION, " ", AT));
        assertEquals("Emergency 2026-11-25 14:05 UTC", BackupNaming.nameFor(BackupType.EMERGENCY, "", AT));
    }
}
