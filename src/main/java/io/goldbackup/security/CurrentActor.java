package io.goldbackup.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Actor} of the current request, read from its verified token. */
@RequestScoped
public class CurrentActor {

    private final SecurityIdentity identity;

    CurrentActor(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller; the token's subject becomes {@code triggered_by}, never a value from the request body. */
    public Actor get() {
        if (identity.isAnonymous()) {
            throw new IllegalStateException("an operation needs an authenticated caller");
        }
        String subject = identity.getPrincipal().getName();
        String name = subject;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            if (token.getSubject() != null) {
                subject = token.getSubject();
            }
            String preferred = token.getClaim(Claims.preferred_username.name());
            name = preferred != null ? preferred : subject;
        }
        return new Actor(subject, name, identity.getRoles());
    }
}
