package io.goldbackup.testsupport;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Starts the WireMock OIDC server once for every {@code @QuarkusTest}: it serves discovery and the public keys
 * that verify the tokens {@link Tokens} signs.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class OidcTestServer {

    private OidcTestServer() {
    }
}
