package io.goldbackup.drill;

/**
 * A drill ran and failed: thrown inside the drill's operation so that its audit event says {@code failed} with the
 * reason, and caught by {@link DrillService} around it, which answers the drill itself (a failed drill is a result,
 * not an error of the request).
 */
class DrillFailedException extends RuntimeException {

    private final transient Drill drill;

    DrillFailedException(Drill drill) {
        super("Drill " + drill.id() + " of backup " + drill.backupId() + " failed: " + reason(drill));
        this.drill = drill;
    }

    Drill drill() {
        return drill;
    }

    private static String reason(Drill drill) {
        if (drill.error() != null) {
            return drill.error();
        }
        return "invariants not holding: " + String.join(", ", drill.invariants().stream()
                .filter(i -> !i.ok()).map(Drill.Invariant::name).toList());
    }
}
