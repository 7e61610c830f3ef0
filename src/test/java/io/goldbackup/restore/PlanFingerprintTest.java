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
        String a = PlanFingerprint.of(7, "abc", List.of("stake1a", "stake1b"), STATE, false, null);
        assertEquals(a, PlanFingerprint.of(7, "abc", List.of("stake1a", "stake1b"), STATE, false, null));
        assertTrue(a.matches("[0-9a-f]{64}"), "a SHA-256 in hex");
    }

    @Test
    void everyInputChangesTheFingerprint() {
        String base = PlanFingerprint.of(7, "abc", List.of("stake1a"), STATE, false, null);
        assertNotEquals(base, PlanFingerprint.of(8, "abc", List.of("stake1a"), STATE, false, null), "another backup");
        assertNotEquals(base, PlanFingerprint.of(7, "abd", List.of("stake1a"), STATE, false, null), "another checksum");
        assertNotEquals(base, PlanFingerprint.of(7, "abc", List.of("stake1b"), STATE, false, null), "other targets");
        assertNotEquals(base, PlanFingerprint.of(7, "abc", null, STATE, false, null), "all wallets");
        assertNotEquals(base, PlanFingerprint.of(7, "abc", List.of("stake1a"), "3:123:457", false, null),
                "live state changed");
    }

    @Test
    void reCreatingDeletedWalletsIsAnotherPlan() {
        assertNotEquals(PlanFingerprint.of(7, "abc", null, STATE, false, null),
                PlanFingerprint.of(7, "abc", null, STATE, true, null));
    }

    @Test
    void whatAnUndoDeletesIsPartOfItsFingerprint() {
        String undo = PlanFingerprint.of(7, "abc", null, STATE, true, "2:55:66");
        assertNotEquals(PlanFingerprint.of(7, "abc", null, STATE, true, null), undo, "deleting is another plan");
        assertNotEquals(PlanFingerprint.of(7, "abc", null, STATE, true, "2:55:67"), undo,
                "a wallet to delete changed");
        assertEquals(PlanFingerprint.of(7, "abc", null, STATE, true, "2:55:66"), undo);
    }

    @Test
    void targetsCannotBeShiftedIntoTheLiveState() {
        // Targets are newline-terminated: two lists that concatenate alike still differ.
        assertNotEquals(PlanFingerprint.of(7, "abc", List.of("ab", "c"), STATE, false, null),
                PlanFingerprint.of(7, "abc", List.of("a", "bc"), STATE, false, null));
    }
}
