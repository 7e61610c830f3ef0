package io.goldbackup.operation;

/**
 * An operation whose first part has run on the caller's thread (checks, refusals, the row that shows its progress)
 * and whose rest may run in the background ({@link OperationRunner#start}).
 *
 * @param value what the caller answers now, such as the id of the row that shows the operation
 * @param rest the remaining work, which releases whatever the first part took (a session, a lock) however it ends;
 *        null when nothing remains
 */
public record Started<T>(T value, Runnable rest) {

    /** An operation that ended in its first part: nothing runs in the background. */
    public static <T> Started<T> done(T value) {
        return new Started<>(value, null);
    }
}
