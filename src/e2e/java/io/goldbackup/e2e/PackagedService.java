package io.goldbackup.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service as an operator runs it: the native executable when the build made one, else the fast-jar,
 * started as its own process with configuration in the environment, output in target/e2e-logs.
 */
final class PackagedService implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private PackagedService(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the service with {@code config} (Quarkus keys) and {@code args}; does not wait for it. */
    static PackagedService start(String name, Map<String, String> config, String... args) throws IOException {
        int port = Keycloak.freePort();
        List<String> command = new ArrayList<>();
        Path nativeRunner = Path.of(System.getProperty("native.image.path", "none"));
        if (Files.isExecutable(nativeRunner)) {
            command.add(nativeRunner.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-jar");
            command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
        }
        command.addAll(List.of(args));
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        config.forEach((key, value) -> builder.environment().put(envName(key), value));
        return new PackagedService(builder.start(), log, port);
    }

    /** {@code quarkus.datasource.jdbc.url} -> {@code QUARKUS_DATASOURCE_JDBC_URL}, as Kubernetes would set it. */
    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    String url() {
        return "http://localhost:" + port;
    }

    Process process() {
        return process;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits until readiness answers 200; fails with the log if the process ends first. */
    void awaitReady(Duration limit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + limit + ":\n" + output());
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
