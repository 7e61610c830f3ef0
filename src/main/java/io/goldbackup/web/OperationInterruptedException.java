package io.goldbackup.web;

/**
 * An operation in flight was cancelled because the instance is stopping; what it did was rolled back and its run is
 * recorded as failed. Answered 503, so that the client sends it again (another instance takes it).
 */
public class OperationInterruptedException extends RuntimeException {

    public OperationInterruptedException(String message) {
        super(message);
    }
}
