package io.goldbackup.e2e;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In prod the service refuses to start without an OIDC provider, and says which variables to set. */
class ProdStartupE2E {

    @Test
    void theServiceRefusesToStartWithoutAnOidcProvider() throws Exception {
        try (PackagedService service = PackagedService.start("no-oidc", E2eDatabase.serviceConfig())) {
            assertTrue(service.process().waitFor(120, TimeUnit.SECONDS), "the service kept running without OIDC");
            assertNotEquals(0, service.process().exitValue());
            // Quarkus' OIDC extension refuses first; ProductionSecurityCheck would if a tenant were disabled.
            assertTrue(service.output().contains("auth-server-url")
                    || service.output().contains("QUARKUS_OIDC_AUTH_SERVER_URL"), service.output());
        }
    }
}
