package io.goldbackup.web;

/**
 * Marks an exception by which the service said no before changing anything: bad input, a conflict, a limit, an
 * unknown id, a missing role, a stopping instance. The operation runner records such an operation as
 * {@code refused}; any other exception is a {@code failed} operation.
 */
public interface Refusal {
}
