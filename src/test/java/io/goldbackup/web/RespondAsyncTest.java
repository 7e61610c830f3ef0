package io.goldbackup.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Prefer header as RFC 7240 writes it: several preferences, parameters, any case, several headers. */
class RespondAsyncTest {

    @Test
    void respondAsyncIsFoundAmongOtherPreferences() {
        assertTrue(RespondAsync.requested(List.of("respond-async")));
        assertTrue(RespondAsync.requested(List.of("Respond-Async")));
        assertTrue(RespondAsync.requested(List.of("return=minimal, respond-async, wait=10")));
        assertTrue(RespondAsync.requested(List.of(" respond-async ; foo=bar")));
        assertTrue(RespondAsync.requested(List.of("return=representation", "respond-async")));
    }

    @Test
    void otherPreferencesOrNoneAnswerSynchronously() {
        assertFalse(RespondAsync.requested(null));
        assertFalse(RespondAsync.requested(List.of()));
        assertFalse(RespondAsync.requested(List.of("wait=10")));
        assertFalse(RespondAsync.requested(List.of("respond-asynchronously")));
        assertFalse(RespondAsync.requested(List.of("return=respond-async")));
    }
}
