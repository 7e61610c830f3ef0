package io.goldbackup.web;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParamsTest {

    private static void refused(String field, String message, Executable parse) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, parse);
        assertEquals(List.of(new Problem.Violation(field, message)), refused.violations());
    }

    @Test
    void anAbsentIntegerTakesTheFallback() {
        assertEquals(50, Params.intInRange("limit", null, 50, 1, 500));
        assertEquals(50, Params.intInRange("limit", "", 50, 1, 500));
        assertEquals(50, Params.intInRange("limit", "  ", 50, 1, 500));
    }

    @Test
    void anIntegerInRangeIsReadIncludingItsBoundsAndAroundSpaces() {
        assertEquals(1, Params.intInRange("limit", "1", 50, 1, 500));
        assertEquals(500, Params.intInRange("limit", "500", 50, 1, 500));
        assertEquals(7, Params.intInRange("limit", " 7 ", 50, 1, 500));
    }

    @Test
    void anIntegerOutOfRangeIsRefusedNamingTheParameterAndTheRange() {
        refused("limit", "must be between 1 and 500", () -> Params.intInRange("limit", "0", 50, 1, 500));
        refused("limit", "must be between 1 and 500", () -> Params.intInRange("limit", "501", 50, 1, 500));
        refused("limit", "must be between 1 and 500", () -> Params.intInRange("limit", "-1", 50, 1, 500));
    }

    @Test
    void somethingThatIsNotAWholeNumberIsRefusedNamingTheParameter() {
        for (String raw : new String[]{"abc", "1.5", "1e3", "0x10", "99999999999", "5 0"}) {
            refused("page", "must be a whole number between 0 and 100",
                    () -> Params.intInRange("page", raw, 0, 0, 100));
        }
    }

    @Test
    void anIdIsAPositiveWholeNumber() {
        assertEquals(1L, Params.id("id", "1"));
        assertEquals(Long.MAX_VALUE, Params.id("id", String.valueOf(Long.MAX_VALUE)));
    }

    @Test
    void anythingElseAsAnIdIsRefusedNamingTheParameter() {
        for (String raw : new String[]{"0", "-4", "abc", "1.0", " 1", "", "9223372036854775808", null}) {
            refused("backupId", "must be a positive whole number", () -> Params.id("backupId", raw));
        }
    }

    @Test
    void anAbsentTextIsEmpty() {
        assertEquals(Optional.empty(), Params.text("after", null, 200));
        assertEquals(Optional.empty(), Params.text("after", "", 200));
    }

    @Test
    void aTextIsKeptAsSentUpToItsMaximumLength() {
        assertEquals(Optional.of(" a b "), Params.text("after", " a b ", 200));
        assertEquals(Optional.of("x".repeat(200)), Params.text("after", "x".repeat(200), 200));
        refused("after", "must be at most 200 characters", () -> Params.text("after", "x".repeat(201), 200));
    }
}
