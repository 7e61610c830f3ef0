package io.goldbackup.web;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The patterns as Bean Validation's {@code @Pattern} applies them: the whole value must match. */
class TextRulesTest {

    private static final Pattern NAME = Pattern.compile(TextRules.NAME);
    private static final Pattern NOTES = Pattern.compile(TextRules.NOTES);

    private static boolean name(String value) {
        return NAME.matcher(value).matches();
    }

    private static boolean notes(String value) {
        return NOTES.matcher(value).matches();
    }

    @Test
    void anyUnicodeTextIsANameOrANote() {
        for (String text : new String[]{"", "Before the season reset", "Sicherung für Ü-Wagen", "金の備份",
                "💰 gold \uD83D\uDCB0", "נסיגה", "a\u200Db", "'; DROP TABLE gold_mining; --", "<script>"}) {
            assertTrue(name(text), text);
            assertTrue(notes(text), text);
        }
    }

    @Test
    void aNameIsOneLineWithoutControlCharacters() {
        for (String text : new String[]{"a\nb", "a\rb", "a\tb", "a\u0000b", "\u001B[31mred", "a\u007Fb",
                "a\u0085b"}) {
            assertFalse(name(text), text.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
    }

    @Test
    void notesMaySpanLinesAndHoldTabsButNoOtherControlCharacter() {
        assertTrue(notes("line one\nline two\r\n\tindented"));
        for (String text : new String[]{"a\u0000b", "\u001B[31mred", "a\u0007b", "a\u007Fb", "a\u000Bb",
                "a\u000Cb"}) {
            assertFalse(notes(text), text.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
    }

    @Test
    void anUnpairedSurrogateIsNeitherANameNorANote() {
        for (String text : new String[]{"a\uD83Db", "\uDCB0", "end\uD83D"}) {
            assertFalse(name(text));
            assertFalse(notes(text));
        }
    }
}
