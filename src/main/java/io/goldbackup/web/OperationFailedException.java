package io.goldbackup.web;

/**
 * An operation ran and failed on the server, and its failure is recorded (a failed backup, a failed restore).
 * Answered 500 with the message, which subclasses write to be safe for clients.
 */
public abstract class OperationFailedException extends RuntimeException {

    protected OperationFailedException(String message) {
        super(message);
    }
}
