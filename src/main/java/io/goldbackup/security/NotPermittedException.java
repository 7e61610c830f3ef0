package io.goldbackup.security;

import io.goldbackup.web.Refusal;
import io.quarkus.security.ForbiddenException;

/**
 * The caller's roles do not allow what the request asks, by a rule finer than a resource's {@code @RolesAllowed}
 * (a real restore or cleanup needs backup-admin): checked by the service, answered 403 like any missing role.
 */
public class NotPermittedException extends ForbiddenException implements Refusal {

    public NotPermittedException(String message) {
        super(message);
    }

    /** Refuses unless {@code actor} holds {@code role} (with the roles it implies). */
    public static void require(Actor actor, String role, String what) {
        if (!actor.roles().contains(role)) {
            throw new NotPermittedException(what + " needs " + role);
        }
    }
}
