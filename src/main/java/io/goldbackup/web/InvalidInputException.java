package io.goldbackup.web;

import java.util.List;

/** Input the service refuses before changing anything; answered 400 naming the fields. */
public class InvalidInputException extends RuntimeException implements Refusal {

    private final List<Problem.Violation> violations;

    public InvalidInputException(String field, String message) {
        this(List.of(new Problem.Violation(field, message)));
    }

    public InvalidInputException(List<Problem.Violation> violations) {
        super(violations.stream().map(v -> v.field() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.violations = List.copyOf(violations);
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
