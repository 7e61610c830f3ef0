package io.goldbackup.schedule;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.goldbackup.backup.BackupType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupJobArgumentsTest {

    private static BackupJobArguments parse(String... args) {
        return BackupJobArguments.parse(List.of(args));
    }

    private static String refusal(String... args) {
        return assertThrows(BackupJobArguments.InvalidArguments.class, () -> parse(args)).getMessage();
    }

    @Test
    void typeAndDescriptionAsSeparateArguments() {
        BackupJobArguments parsed = parse("--type", "pre_migration", "--description", "release 1.2");
        assertEquals(BackupType.PRE_MIGRATION, parsed.type());
        assertEquals("release 1.2", parsed.description());
    }

    @Test
    void optionsWithEqualsSignsInAnyOrder() {
        BackupJobArguments parsed = parse("--description=before the = sign", "--type=pre_update");
        assertEquals(BackupType.PRE_UPDATE, parsed.type());
        assertEquals("before the = sign", parsed.description());
    }

    @Test
    void theDescriptionIsOptional() {
        for (String type : List.of("pre_update", "pre_migration", "emergency", "manual")) {
            BackupJobArguments parsed = parse("--type", type);
            assertEquals(type, parsed.type().wire());
            assertNull(parsed.description());
        }
    }

    @Test
    void theDailyTypeIsRefusedWithAPointerToTheDailyJob() {
        assertTrue(refusal("--type", "auto_daily").contains("job daily-backup"));
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheAllowedOnes() {
        String message = refusal("--type", "nightly");
        assertTrue(message.contains("--type must be one of pre_update, pre_migration, emergency, manual"), message);
        assertTrue(message.contains("'nightly'"), message);
        // Spelled as the API spells it, nothing else.
        refusal("--type", "PRE_UPDATE");
        refusal("--type=");
    }

    @Test
    void aMissingTypeOrValueIsRefused() {
        assertEquals("--type is required", refusal());
        assertEquals("--type is required", refusal("--description", "release 1.2"));
        assertEquals("--type needs a value", refusal("--type"));
        assertEquals("--description needs a value", refusal("--type", "manual", "--description"));
    }

    @Test
    void unknownRepeatedAndPositionalArgumentsAreRefused() {
        assertEquals("unknown argument '--name'", refusal("--type", "manual", "--name", "x"));
        assertEquals("unknown argument 'pre_update'", refusal("pre_update"));
        assertEquals("--type given twice", refusal("--type", "manual", "--type", "emergency"));
        assertEquals("--description given twice", refusal("--type", "manual", "--description", "a",
                "--description=b"));
    }

    @Test
    void theDescriptionFollowsTheApisLimits() {
        assertEquals(200, parse("--type", "manual", "--description", "x".repeat(200)).description().length());
        String tooLong = refusal("--type", "manual", "--description", "x".repeat(201));
        assertTrue(tooLong.startsWith("--description must be at most 200 characters"), tooLong);
        String twoLines = refusal("--type", "manual", "--description", "release\n1.2");
        assertTrue(twoLines.startsWith("--description must not contain control characters"), twoLines);
        // Any other text is kept as given, as the API keeps it.
        assertEquals("Größe 🚀 1.2", parse("--type", "manual", "--description", "Größe 🚀 1.2").description());
    }

    @Test
    void controlCharactersNeverReachTheLogThroughAMessage() {
        String message = refusal("--type", "pre\u001b[31m_update");
        assertTrue(message.contains("'pre?[31m_update'"), message);
    }
}
