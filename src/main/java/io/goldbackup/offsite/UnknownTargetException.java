package io.goldbackup.offsite;

import io.goldbackup.web.UnknownResourceException;

/** No off-site target has the name; answered 404. */
public class UnknownTargetException extends UnknownResourceException {

    public UnknownTargetException(String name) {
        super("No off-site target is named '" + name + "'.");
    }
}
