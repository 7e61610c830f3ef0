package io.goldbackup.web;

/** An operation would exceed a configured storage limit; answered 507. Subclasses say which. */
public abstract class InsufficientStorageException extends RuntimeException implements Refusal {

    protected InsufficientStorageException(String message) {
        super(message);
    }
}
