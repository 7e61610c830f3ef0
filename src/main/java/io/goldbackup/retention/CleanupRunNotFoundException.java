package io.goldbackup.retention;

import io.goldbackup.web.UnknownResourceException;

/** No cleanup run has the id. */
class CleanupRunNotFoundException extends UnknownResourceException {

    CleanupRunNotFoundException(long id) {
        super("Cleanup run " + id + " does not exist.");
    }
}
