package io.goldbackup.e2e;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged service needs in the e2e suite: the realm of the suite's Keycloak and the external database.
 * Everything else is the prod profile as shipped.
 */
public class ServiceResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return config();
    }

    /** The service's configuration for this suite, as system properties or environment would give it. */
    static Map<String, String> config() {
        Map<String, String> config = new HashMap<>(E2eDatabase.serviceConfig());
        config.put("quarkus.oidc.auth-server-url", Keycloak.realmUrl());
        config.put("quarkus.oidc.client-id", Keycloak.CLIENT_ID);
        config.put("quarkus.oidc.credentials.secret", Keycloak.CLIENT_SECRET);
        // The console signs in with a client of its own whose tokens live 10 s (the API's keep the realm's 5 min):
        // ConsoleBrowserE2E waits past their expiry and the console must refresh them.
        config.put("quarkus.oidc.web-app.client-id", Keycloak.CONSOLE_CLIENT_ID);
        config.put("quarkus.oidc.web-app.credentials.secret", Keycloak.CONSOLE_CLIENT_SECRET);
        // The suite triggers jobs itself; nothing fires on the clock in the middle of a test.
        config.put("gold-backup.schedule.daily-backup", "off");
        config.put("gold-backup.schedule.weekly-cleanup", "off");
        config.put("gold-backup.storage.max-size-mb", "20000");
        return config;
    }

    @Override
    public void stop() {
        // Keycloak stops with the test JVM: other e2e classes use it after this service has stopped.
    }
}
