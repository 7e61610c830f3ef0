package io.goldbackup.web;

/**
 * The operation conflicts with the state it would act on (a backup not completed, a checksum that no longer
 * matches, an operation already running); answered 409. Subclasses say what.
 */
public abstract class ConflictException extends RuntimeException implements Refusal {

    protected ConflictException(String message) {
        super(message);
    }
}
