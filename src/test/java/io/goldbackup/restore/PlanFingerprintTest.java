package io.goldbackup.restore;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanFingerprintTest {

    private static final String STATE = "3:123:456";

    @Test
    void theSamePlanHasTheSameFingerprint() {
        String a = PlanFingerprint.of(7, "abc", List.of("stake1a", "stake1b"), STATE, false);
        assertEquals(a, PlanFingerprint.of(7, "abc", List.of("stake1a", "stake1b"), STATE, false));
        assertTrue(a.matches("[0-9a-f]{64}"), "a SHA-256 in hex");
    }

    @Test
    void everyInputChangesTheFingerprint() {
        String base = PlanFingerprint.of(7, "abc", List.of("stake1a"), STATE, false);
        assertNotEquals(base, PlanFingerprint.of(8, "abc", List.of("stake1a"), STATE, false), "another backup");
        assertNotEquals(base, PlanFingerprint.of(7, "abd", List.of("stake1a"), STATE, false), "another checksum");
        assertNotEquals(base, PlanFingerprint.of(7, "abc", List.of("stake1b"), STATE, false), "other targets");
        assertNotEquals(base, PlanFingerprint.of(7, "abc", null, STATE, false), "all wallets");
        assertNotEquals(base, PlanFingerprint.of(7, "abc", List.of("stake1a"), "3:123:457", false),
                "live state changed");
    }

    @Test
    void reCreatingDeletedWalletsIsAnotherPlan() {
        assertNotEquals(PlanFingerprint.of(7, "abc", null, STATE, false),
                PlanFingerprint.of(7, "abc", null, STATE, true));
    }

    @Test
    void targetsCannotBeShiftedIntoTheLiveState() {
        // Targets are newline-terminated: two lists that concatenate alike still differ.
        assertNotEquals(PlanFingerprint.of(7, "abc", List.of("ab", "c"), STATE, false),
                PlanFingerprint.of(7, "abc", List.of("a", "bc"), STATE, false));
    }
}
