package io.goldbackup.security;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who performs an operation: the token's subject and preferred user name for a person or service account, or the
 * scheduler for a scheduled job.
 *
 * @param subject the token's {@code sub} claim; recorded as {@code triggered_by}
 * @param name the preferred user name, for people reading the audit trail
 * @param roles the caller's roles, with the implied ones
 */
public record Actor(String subject, String name, Set<String> roles) {

    /** The in-process scheduler and the one-shot job mode. */
    public static final Actor SCHEDULER = new Actor("scheduler", "scheduler", Set.of());

    /**
     * A one-shot command that is not a scheduled job: {@code job backup}, which a deploy hook runs before a release
     * or a migration. Recorded as {@code triggered_by = "job"}.
     */
    public static final Actor JOB = new Actor("job", "one-shot job", Set.of());

    /** The service's own recovery of runs whose instance is gone. */
    public static final Actor RECOVERY = new Actor("recovery", "recovery", Set.of());

    public Actor {
        roles = Set.copyOf(new TreeSet<>(roles));
    }
}
