package io.goldbackup.offsite;

import io.goldbackup.web.ConflictException;

/**
 * An off-site copy or import refused before anything was changed: a manifest that does not verify, an object that is
 * missing, altered or does not match its manifest, a key that is not configured. The message names the object.
 * Answered 409.
 */
public class OffsiteRefusedException extends ConflictException {

    public OffsiteRefusedException(String message) {
        super(message);
    }
}
