package io.goldbackup.security;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prod start refuses a missing provider and a disabled default tenant (the e2e suite starts the real jar). */
class ProductionSecurityCheckTest {

    @Test
    void aProviderIsRequired() {
        var e = assertThrows(IllegalStateException.class,
                () -> new ProductionSecurityCheck(Optional.empty(), true).verify());
        assertTrue(e.getMessage().contains("QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertThrows(IllegalStateException.class, () -> new ProductionSecurityCheck(Optional.of(" "), true).verify());
    }

    @Test
    void aDisabledTenantIsRefusedToo() {
        assertThrows(IllegalStateException.class,
                () -> new ProductionSecurityCheck(Optional.of("https://sso.example.com/realms/gold"), false).verify());
        assertDoesNotThrow(
                () -> new ProductionSecurityCheck(Optional.of("https://sso.example.com/realms/gold"), true).verify());
    }
}
