package io.goldbackup.console;

import java.text.Normalizer;

import io.goldbackup.security.Actor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;

/**
 * The console's confirmation of a destructive action: the person types the name of what it destroys (the backup's
 * name to delete it or to restore from it, {@value #CLEANUP} for a real cleanup), as Argo CD and GitHub ask. When it
 * matches, the console sends the API's confirmation code itself; the service's rules (role, code) stay exactly as the
 * API's. A mismatch is refused here, before anything is attempted, as a 400 naming {@value #FIELD}.
 */
final class TypedConfirmation {

    /** The query parameter that carries what the person typed. */
    static final String FIELD = "confirmName";

    /** What a real cleanup asks to be typed. */
    static final String CLEANUP = "cleanup";

    private TypedConfirmation() {
    }

    /**
     * Whether {@code actor} confirmed: true when {@code typed} is {@code expected} (surrounding spaces and Unicode
     * normalisation aside); false, without looking, for someone who is not backup-admin, whom the service refuses
     * (403, audited) whatever was typed.
     *
     * @param what the action, for the message: "to delete this backup"
     * @throws InvalidInputException naming {@value #FIELD} when an admin typed something else
     */
    static boolean require(Actor actor, String typed, String expected, String what) {
        if (!actor.roles().contains(Roles.ADMIN)) {
            return false;
        }
        if (typed == null || !normal(typed).equals(normal(expected))) {
            throw new InvalidInputException(FIELD, "must be \"" + expected + "\" " + what);
        }
        return true;
    }

    private static String normal(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }
}
