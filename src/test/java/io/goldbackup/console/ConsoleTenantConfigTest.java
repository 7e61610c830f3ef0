package io.goldbackup.console;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's tenant takes the default tenant's provider, client and secret, as production sets them: from the
 * environment (QUARKUS_OIDC_*), read through application.properties as the packaged service reads it.
 */
class ConsoleTenantConfigTest {

    private static SmallRyeConfig prodConfig(Map<String, String> environment) throws IOException {
        URL properties = ConsoleTenantConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new EnvConfigSource(environment, 300)).build();
    }

    @Test
    void theConsoleTenantTakesProviderClientAndSecretFromTheDefaultTenantsVariables() throws IOException {
        SmallRyeConfig config = prodConfig(Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", "https://kc.example.com/realms/gold",
                "QUARKUS_OIDC_CLIENT_ID", "gold-backup-api", "QUARKUS_OIDC_CREDENTIALS_SECRET", "s3cret"));
        assertEquals("https://kc.example.com/realms/gold",
                config.getValue("quarkus.oidc.web-app.auth-server-url", String.class));
        assertEquals("gold-backup-api", config.getValue("quarkus.oidc.web-app.client-id", String.class));
        assertEquals("s3cret", config.getValue("quarkus.oidc.web-app.credentials.secret", String.class));
        assertEquals("true", config.getValue("quarkus.oidc.web-app.tenant-enabled", String.class));
        assertEquals("true", config.getValue("quarkus.oidc.web-app.authentication.cookie-force-secure", String.class));
    }

    @Test
    void theConsoleRefreshesExpiredTokensForAsLongAsTheProvidersIdleSession() throws IOException {
        SmallRyeConfig config = prodConfig(Map.of());
        assertEquals(Boolean.TRUE, config.getValue("quarkus.oidc.web-app.token.refresh-expired", Boolean.class));
        assertEquals(java.time.Duration.ofSeconds(5),
                config.getValue("quarkus.oidc.web-app.token.refresh-token-time-skew", java.time.Duration.class));
        assertEquals(java.time.Duration.ofMinutes(30),
                config.getValue("quarkus.oidc.web-app.authentication.session-age-extension",
                        java.time.Duration.class));
    }

    @Test
    void aMissingSecretIsAbsentNotAnErrorAndTheTenantSwitchesOffWithTheDefaultOne() throws IOException {
        SmallRyeConfig config = prodConfig(Map.of("QUARKUS_OIDC_TENANT_ENABLED", "false"));
        assertTrue(config.getOptionalValue("quarkus.oidc.web-app.credentials.secret", String.class).isEmpty());
        assertEquals("false", config.getValue("quarkus.oidc.web-app.tenant-enabled", String.class));
    }
}
