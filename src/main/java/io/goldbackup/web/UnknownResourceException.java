package io.goldbackup.web;

/** Something the request names does not exist; answered 404. Subclasses say what. */
public abstract class UnknownResourceException extends RuntimeException implements Refusal {

    protected UnknownResourceException(String message) {
        super(message);
    }
}
