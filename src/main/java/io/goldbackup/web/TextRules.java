package io.goldbackup.web;

/**
 * What free text the API stores: any Unicode text, stored and returned exactly as sent, except what PostgreSQL
 * cannot store or a log and a terminal would misread: control characters (NUL is refused by PostgreSQL outright)
 * and unpaired surrogates (not text at all; they would come back as replacement characters). Notes may span lines.
 */
public final class TextRules {

    /** One line: no control characters, no unpaired surrogates. */
    public static final String NAME = "[^\\p{Cc}\\p{Cs}]*";
    /** Several lines: as {@link #NAME}, plus tab, line feed and carriage return. */
    public static final String NOTES = "(?:[^\\p{Cc}\\p{Cs}]|[\\t\\n\\r])*";
    public static final String NAME_MESSAGE = "must not contain control characters or unpaired surrogates";
    public static final String NOTES_MESSAGE = "must not contain control characters other than tab and line breaks, or unpaired surrogates";

    private TextRules() {
    }
}
