package io.goldbackup.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible object store for the off-site tests: s3proxy with its filesystem backend, as a process of its
 * own ({@code java -jar target/s3proxy/s3proxy.jar}, which the build copies there; on the test class path its Jetty
 * and jclouds would clash with Quarkus'). Loopback only, a free port, a fresh directory under {@code target/}, fixed
 * test credentials, the bucket {@value #BUCKET} created. Its output goes to {@code target/s3proxy.log}.
 *
 * <p>
 * In a {@code @QuarkusTest}: {@code @TestProfile(S3ProxyResource.Profile.class)}, so that every test with an
 * off-site target shares one boot; {@link #start()} answers the configuration of the target {@value #TARGET}. In a
 * plain JUnit test: {@link #startServer()} in {@code @BeforeAll}, {@link Server#close()} in {@code @AfterAll}.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String TARGET = "primary";
    public static final String BUCKET = "gold-backups";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "gold-test-access";
    public static final String SECRET_ACCESS_KEY = "gold-test-secret-do-not-use";

    private static final Path JAR = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    private static final Path LOG = Path.of("target", "s3proxy.log");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static volatile Server current;

    private Server server;

    /** The service with the off-site target {@value #TARGET} on an s3proxy of its own. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class));
        }
    }

    @Override
    public Map<String, String> start() {
        server = startServer();
        return server.config(TARGET, "");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The server started last, for a test that makes its own client. */
    public static Server current() {
        Server s = current;
        if (s == null) {
            throw new IllegalStateException("No s3proxy has been started");
        }
        return s;
    }

    /** The endpoint of {@link #current()}. */
    public static URI endpoint() {
        return current().endpoint();
    }

    /** Starts an s3proxy of its own and creates {@value #BUCKET} in it. The caller closes it. */
    public static Server startServer() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: ./mvnw process-test-resources copies"
                    + " it there (maven-dependency-plugin, execution copy-s3proxy)");
        }
        Server server = Server.start();
        current = server;
        return server;
    }

    /** One running s3proxy. */
    public static final class Server implements AutoCloseable {

        private final Process process;
        private final Path directory;
        private final URI endpoint;
        private final Thread killer;

        private Server(Process process, Path directory, URI endpoint) {
            this.process = process;
            this.directory = directory;
            this.endpoint = endpoint;
            // A test run that dies without closing it must not leave the process behind.
            this.killer = new Thread(process::destroyForcibly, "s3proxy-killer");
            Runtime.getRuntime().addShutdownHook(killer);
        }

        private static Server start() {
            try {
                Path directory = Path.of("target", "s3proxy-data", UUID.randomUUID().toString()).toAbsolutePath();
                Path data = Files.createDirectories(directory.resolve("data"));
                int port = freePort();
                URI endpoint = URI.create("http://127.0.0.1:" + port);
                Properties properties = new Properties();
                properties.setProperty("s3proxy.endpoint", endpoint.toString());
                properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
                properties.setProperty("s3proxy.identity", ACCESS_KEY_ID);
                properties.setProperty("s3proxy.credential", SECRET_ACCESS_KEY);
                properties.setProperty("jclouds.provider", "filesystem");
                properties.setProperty("jclouds.filesystem.basedir", data.toString());
                Path config = directory.resolve("s3proxy.properties");
                try (Writer out = Files.newBufferedWriter(config)) {
                    properties.store(out, "S3ProxyResource");
                }
                Files.createDirectories(LOG.getParent());
                // The JVM running the tests; a small heap and C1 only: a test store, on a shared two-core machine.
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener", "-jar",
                        JAR.toAbsolutePath().toString(), "--properties", config.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                        .start();
                Server server = new Server(process, directory, endpoint);
                try {
                    server.awaitAnswer();
                    server.createBucket(BUCKET);
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start s3proxy", e);
            }
        }

        /** Where it listens, such as {@code http://127.0.0.1:41234}. */
        public URI endpoint() {
            return endpoint;
        }

        /** The loopback port. */
        public int port() {
            return endpoint.getPort();
        }

        /** The configuration of a target {@code target} in {@value #BUCKET}, keys under {@code prefix} ("": none). */
        public Map<String, String> config(String target, String prefix) {
            String key = "gold-backup.offsite.targets." + target + ".";
            Map<String, String> config = new HashMap<>(Map.of(key + "endpoint", endpoint.toString(),
                    key + "region", REGION,
                    key + "bucket", BUCKET,
                    key + "path-style", "true",
                    key + "access-key-id", ACCESS_KEY_ID,
                    key + "secret-access-key", SECRET_ACCESS_KEY));
            if (!prefix.isEmpty()) {
                // An empty value is no value to SmallRye: leave the key out instead.
                config.put(key + "prefix", prefix);
            }
            return config;
        }

        /** A client of its own with the test credentials; the caller closes it. */
        public S3Client client() {
            return S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(REGION))
                    .forcePathStyle(true)
                    .credentialsProvider(
                            StaticCredentialsProvider
                                    .create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    // s3proxy 2.6 refuses the checksums the SDK sends by default since 2.30.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        }

        /** Creates a bucket. */
        public void createBucket(String bucket) {
            try (S3Client s3 = client()) {
                s3.createBucket(r -> r.bucket(bucket));
            }
        }

        /** Stops the process and removes its data. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs anyway.
            }
            deleteTree(directory);
            if (current == this) {
                current = null;
            }
        }

        /** Polls until it answers HTTP at all (an unsigned request gets 403), or fails with its log's tail. */
        private void awaitAnswer() {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see " + LOG);
                }
                try {
                    HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
                    connection.setConnectTimeout(500);
                    connection.setReadTimeout(2000);
                    int status = connection.getResponseCode();
                    connection.disconnect();
                    if (status > 0) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Still starting.
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while s3proxy started", e);
                }
            }
            throw new IllegalStateException("s3proxy did not answer within " + STARTUP + "; see " + LOG);
        }

        private static int freePort() throws IOException {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            }
        }

        private static void deleteTree(Path root) {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
