package io.goldbackup.restore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestoreTargetsTest {

    private static final String A = GameStateSeeder.demoAddress(1);
    private static final String B = GameStateSeeder.demoAddress(2);

    @Test
    void noTargetsMeansEveryWalletOfTheBackup() {
        assertNull(RestoreTargets.validate(null, 10));
    }

    @Test
    void validTargetsComeBackSorted() {
        List<String> sorted = new ArrayList<>(List.of(A, B));
        Collections.sort(sorted);
        assertEquals(sorted, RestoreTargets.validate(List.of(sorted.get(1), sorted.get(0)), 10));
    }

    @Test
    void anEmptyListIsRefusedNamingTheField() {
        var e = assertThrows(InvalidInputException.class, () -> RestoreTargets.validate(List.of(), 10));
        assertEquals("targetWallets", e.violations().get(0).field());
    }

    @Test
    void moreThanTheMaximumIsRefused() {
        var e = assertThrows(InvalidInputException.class, () -> RestoreTargets.validate(List.of(A, B), 1));
        assertEquals("targetWallets", e.violations().get(0).field());
    }

    @Test
    void eachBadOrRepeatedAddressIsNamedByItsIndex() {
        var e = assertThrows(InvalidInputException.class,
                () -> RestoreTargets.validate(List.of(A, "stake1nope", A), 10));
        assertEquals(List.of("targetWallets[1]", "targetWallets[2]"),
                e.violations().stream().map(Problem.Violation::field).toList());
        assertEquals("is listed twice", e.violations().get(1).message());
    }

    @Test
    void atMostTwentyViolationsAreListed() {
        List<String> bad = Collections.nCopies(50, "x");
        var e = assertThrows(InvalidInputException.class, () -> RestoreTargets.validate(bad, 100));
        assertEquals(RestoreTargets.MAX_VIOLATIONS, e.violations().size());
    }
}
