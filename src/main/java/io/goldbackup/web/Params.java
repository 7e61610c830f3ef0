package io.goldbackup.web;

import java.util.Optional;

/**
 * Parsing of query parameters with answers that name the parameter. Parameters arrive as strings because JAX-RS
 * answers a failed conversion with a bare 404, where a client deserves a 400 saying which parameter is wrong.
 */
public final class Params {

    private Params() {
    }

    /** An integer parameter in {@code [min, max]}, or {@code fallback} when absent. */
    public static int intInRange(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw new InvalidInputException(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number between " + min + " and " + max);
        }
    }

    /** A positive id from a path segment. */
    public static long id(String name, String raw) {
        try {
            long value = Long.parseLong(raw);
            if (value < 1) {
                throw new InvalidInputException(name, "must be a positive whole number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a positive whole number");
        }
    }

    /** An optional text parameter of at most {@code maxLength} characters. */
    public static Optional<String> text(String name, String raw, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.length() > maxLength) {
            throw new InvalidInputException(name, "must be at most " + maxLength + " characters");
        }
        return Optional.of(raw);
    }
}
