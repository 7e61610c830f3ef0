package io.goldbackup.drill;

import io.goldbackup.web.UnknownResourceException;

/** No drill has the requested id. */
public class DrillNotFoundException extends UnknownResourceException {

    public DrillNotFoundException(long id) {
        super("Drill " + id + " does not exist.");
    }
}
