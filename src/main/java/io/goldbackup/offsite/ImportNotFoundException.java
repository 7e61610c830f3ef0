package io.goldbackup.offsite;

import io.goldbackup.web.UnknownResourceException;

/** No import of the target has the id. */
class ImportNotFoundException extends UnknownResourceException {

    ImportNotFoundException(String target, long id) {
        super("Target " + target + " has no import " + id + ".");
    }
}
