package io.goldbackup.health;

import java.util.List;
import java.util.Map;

import io.goldbackup.testsupport.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A boot whose database sits behind a proxy the test can cut. */
public class DatabaseBehindProxyProfile implements QuarkusTestProfile {

    static volatile TcpProxy proxy;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    /** Its own PostgreSQL, reached through {@link #proxy}. */
    public static class Database implements QuarkusTestResourceLifecycleManager {

        private EmbeddedPostgres postgres;

        @Override
        public Map<String, String> start() {
            try {
                postgres = EmbeddedPostgres.builder().start();
                proxy = new TcpProxy(postgres.getPort());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + "/postgres",
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT2S",
                    "quarkus.datasource.jdbc.login-timeout", "PT2S");
        }

        @Override
        public void stop() {
            try {
                if (proxy != null) {
                    proxy.close();
                }
                if (postgres != null) {
                    postgres.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
