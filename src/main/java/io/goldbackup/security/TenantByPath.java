package io.goldbackup.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;

/**
 * Which OIDC tenant authenticates a request, decided by its path alone: the console's paths use the web-app tenant
 * (authorization-code flow, session cookie), every other path the default tenant (bearer tokens only).
 * <p>
 * Without this, Quarkus takes the tenant from the name of a session cookie the request carries
 * ({@code q_session_web-app...}) when the path names none, so a browser's console cookie sent to {@code /api/*}
 * would be accepted as if it were a bearer token. With it, such a request has no token and answers 401 like any
 * other.
 */
@ApplicationScoped
class TenantByPath implements TenantResolver {

    /** The console's tenant, configured under {@code quarkus.oidc.web-app.*}. */
    static final String CONSOLE_TENANT = "web-app";

    /** Quarkus' id of the default tenant. */
    static final String DEFAULT_TENANT = "Default";

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals("/console") || path.startsWith("/console/") ? CONSOLE_TENANT : DEFAULT_TENANT;
    }
}
