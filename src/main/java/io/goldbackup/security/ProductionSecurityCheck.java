package io.goldbackup.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * In prod the service refuses to start without an OIDC provider: an API that restores players' gold must never
 * come up unable to tell who is calling (Quarkus would start, and answer every request 401 or, worse, be
 * reconfigured to let them through). Dev mode uses the built-in OIDC dev server and tests their own.
 */
@ApplicationScoped
class ProductionSecurityCheck {

    private final Optional<String> authServerUrl;
    private final boolean tenantEnabled;

    ProductionSecurityCheck(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean tenantEnabled) {
        this.authServerUrl = authServerUrl;
        this.tenantEnabled = tenantEnabled;
    }

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            verify();
        }
    }

    void verify() {
        if (authServerUrl.filter(url -> !url.isBlank()).isEmpty() || !tenantEnabled) {
            throw new IllegalStateException("No OIDC provider is configured: set QUARKUS_OIDC_AUTH_SERVER_URL (a realm "
                    + "URL with discovery), QUARKUS_OIDC_CLIENT_ID and QUARKUS_OIDC_CREDENTIALS_SECRET. The service "
                    + "does not start without one.");
        }
    }
}
