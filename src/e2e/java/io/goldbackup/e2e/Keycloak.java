package io.goldbackup.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.quarkus.logging.Log;
import io.restassured.RestAssured;

/**
 * The suite's Keycloak: the distribution Maven unpacked into target/keycloak, started once per test JVM on a free
 * port with the project's realm ({@code src/e2e/keycloak/gold-realm.json}), stopped when the JVM ends.
 */
final class Keycloak {

    static final String REALM = "gold";
    static final String CLIENT_ID = "gold-backup-service";
    /** A fixture of the realm file, not a credential of anything real. */
    static final String CLIENT_SECRET = "gold-backup-e2e-secret";
    /** The console's client: access and ID tokens of 10 s. */
    static final String CONSOLE_CLIENT_ID = "gold-backup-console";
    /** A fixture of the realm file, not a credential of anything real. */
    static final String CONSOLE_CLIENT_SECRET = "gold-backup-console-e2e-secret";
    /** How long the console client's access and ID tokens live. */
    static final java.time.Duration CONSOLE_TOKEN_LIFESPAN = java.time.Duration.ofSeconds(10);

    private static String url;

    private Keycloak() {
    }

    /** The realm URL, {@code http://localhost:<port>/realms/gold}; starts Keycloak the first time. */
    static synchronized String realmUrl() {
        if (url == null) {
            int port = freePort();
            Path home = Path.of(System.getProperty("keycloak.home"));
            Path scripts = Path.of(System.getProperty("keycloak.scripts"));
            run(List.of("bash", scripts.resolve("start-keycloak.sh").toString(), home.toString(),
                    Integer.toString(port), scripts.resolve("gold-realm.json").toString()), Duration.ofMinutes(4));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run(
                    List.of("bash", scripts.resolve("stop-keycloak.sh").toString(), home.toString()),
                    Duration.ofMinutes(1))));
            // localhost, not 127.0.0.1: the issuer is the host name the caller used, and the service checks it.
            url = "http://localhost:" + port + "/realms/" + REALM;
        }
        return url;
    }

    /** An access token of a realm user, by the password grant. */
    static String password(String user) {
        return token("grant_type", "password", "username", user, "password", user + "-password");
    }

    /** The service account's access token, by the client-credentials grant. */
    static String clientCredentials() {
        return token("grant_type", "client_credentials");
    }

    private static String token(String... form) {
        var request = RestAssured.given().formParam("client_id", CLIENT_ID).formParam("client_secret", CLIENT_SECRET);
        for (int i = 0; i < form.length; i += 2) {
            request.formParam(form[i], form[i + 1]);
        }
        return request.post(realmUrl() + "/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, Duration limit) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(limit.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(1) + " failed:\n" + output);
            }
            Log.info(output.strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
