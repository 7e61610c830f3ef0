package io.goldbackup.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.goldbackup.offsite.OffsiteException.Reason;
import io.goldbackup.testsupport.S3ProxyResource;
import io.goldbackup.testsupport.TestClock;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link ObjectStore} against a real s3proxy; no Quarkus. */
class ObjectStoreTest {

    private static final int MIB = 1024 * 1024;
    private static final String PREFIX = "tests";

    private static S3ProxyResource.Server s3proxy;
    private static S3Client own;
    private static TestClock clock;
    private static ObjectStores stores;
    private static ObjectStore store;
    private static final List<ObjectStores> others = new ArrayList<>();

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyResource.startServer();
        own = s3proxy.client();
        clock = new TestClock();
        stores = new ObjectStores(OffsiteConfigs.of(s3proxy.config("primary", PREFIX)), clock);
        store = stores.target("primary").orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
        others.forEach(ObjectStores::close);
        if (own != null) {
            own.close();
        }
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    @Test
    void aThirtyMegabyteStreamGoesUpInEightMegabytePartsAndComesBackByteExact() throws IOException {
        long size = 30L * MIB + 12345;
        Map<String, String> metadata = Map.of("backup-uuid", "0b6e1c1e-4f7a-4d51-9a39-3d1d3c1f0a11");

        String written;
        try (ObjectUpload upload = store.upload("backups/thirty.bin", metadata)) {
            // Odd-sized writes, so parts fill across write boundaries.
            written = writePattern(upload, 1, size, 64 * 1024 + 7);
            assertEquals(size, upload.bytesWritten());
        }

        ObjectInfo info = store.head("backups/thirty.bin").orElseThrow();
        assertEquals(size, info.size());
        assertEquals("0b6e1c1e-4f7a-4d51-9a39-3d1d3c1f0a11", info.metadata().get("backup-uuid"));
        assertEquals(Optional.empty(), info.retainUntil());
        // Four parts (8 + 8 + 8 + 6 MiB): a multipart ETag ends in the number of parts.
        HeadObjectResponse raw = own.headObject(r -> r.bucket(S3ProxyResource.BUCKET).key("tests/backups/thirty.bin"));
        assertTrue(raw.eTag().endsWith("-4\""), raw.eTag());
        assertEquals(size, raw.contentLength());
        try (InputStream in = store.get("backups/thirty.bin")) {
            assertEquals(written, digest(in));
        }
    }

    @Test
    void aStreamSmallerThanOnePartIsOneObjectInOneRequest() throws IOException {
        byte[] data = "a manifest, perhaps".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = store.upload("small/one.txt", Map.of("kind", "manifest"))) {
            out.write(data);
        }

        HeadObjectResponse raw = own.headObject(r -> r.bucket(S3ProxyResource.BUCKET).key("tests/small/one.txt"));
        assertFalse(raw.eTag().contains("-"), "a single PutObject, not a multipart upload: " + raw.eTag());
        assertEquals(data.length, raw.contentLength());
        assertEquals("manifest", store.head("small/one.txt").orElseThrow().metadata().get("kind"));
        try (InputStream in = store.get("small/one.txt")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(List.of(), own.listMultipartUploads(r -> r.bucket(S3ProxyResource.BUCKET)).uploads());
    }

    @Test
    void anEmptyStreamIsAnEmptyObject() throws IOException {
        store.upload("small/empty", Map.of()).close();

        assertEquals(0, store.head("small/empty").orElseThrow().size());
    }

    @Test
    void putStoresASmallObjectWithItsMetadata() throws IOException {
        byte[] manifest = "{\"uuid\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        store.put("manifests/x.json", manifest, Map.of("format", "1"));

        ObjectInfo info = store.head("manifests/x.json").orElseThrow();
        assertEquals(manifest.length, info.size());
        assertEquals("1", info.metadata().get("format"));
        assertTrue(info.lastModified().isAfter(Instant.now().minus(Duration.ofMinutes(5))));
        try (InputStream in = store.get("manifests/x.json")) {
            assertArrayEquals(manifest, in.readAllBytes());
        }
    }

    @Test
    void anAbortedUploadLeavesNoObjectAndNoParts() throws IOException {
        ObjectUpload upload = store.upload("aborted/big.bin", Map.of());
        writePattern(upload, 2, 10L * MIB, 1 * MIB);
        upload.abort();

        assertEquals(Optional.empty(), store.head("aborted/big.bin"));
        assertEquals(List.of(), own.listMultipartUploads(r -> r.bucket(S3ProxyResource.BUCKET)).uploads());
        assertThrows(IOException.class, () -> upload.write(1));
        upload.close();
        assertEquals(Optional.empty(), store.head("aborted/big.bin"));
    }

    @Test
    void contentThatFailsAbortsItsUpload() {
        IOException failure = new IOException("the database went away");

        IOException thrown = assertThrows(IOException.class, () -> store.upload("aborted/failing.bin", Map.of(),
                out -> {
                    writePattern(out, 3, 9L * MIB, MIB);
                    throw failure;
                }));

        assertEquals(failure, thrown);
        assertEquals(Optional.empty(), store.head("aborted/failing.bin"));
        assertEquals(List.of(), own.listMultipartUploads(r -> r.bucket(S3ProxyResource.BUCKET)).uploads());
    }

    @Test
    void listReadsEveryPageAndAnswersKeysRelativeToThePrefix() {
        for (int i = 0; i < 5; i++) {
            store.put("listed/" + i, new byte[i], Map.of());
        }
        store.put("listed-not/x", new byte[1], Map.of());
        int pageSize = store.listPageSize;
        store.listPageSize = 2;
        try {
            List<ObjectInfo> listed = store.list("listed/");

            assertEquals(List.of("listed/0", "listed/1", "listed/2", "listed/3", "listed/4"),
                    listed.stream().map(ObjectInfo::key).toList());
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), listed.stream().map(ObjectInfo::size).toList());
        } finally {
            store.listPageSize = pageSize;
        }
    }

    @Test
    void theTargetsPrefixKeepsItsKeysApartFromTheRestOfTheBucket() {
        ObjectStores otherStores = new ObjectStores(OffsiteConfigs.of(s3proxy.config("other", "other")), clock);
        others.add(otherStores);
        ObjectStore elsewhere = otherStores.target("other").orElseThrow();
        elsewhere.put("apart", new byte[3], Map.of());

        assertEquals(Optional.empty(), store.head("apart"));
        assertEquals(List.of("apart"), elsewhere.list("").stream().map(ObjectInfo::key).toList());
        assertEquals(3, own.headObject(r -> r.bucket(S3ProxyResource.BUCKET).key("other/apart")).contentLength());
    }

    @Test
    void aMissingKeyHasNoHeadAndItsGetNamesTheKey() {
        assertEquals(Optional.empty(), store.head("missing/nothing.bin"));

        OffsiteException e = assertThrows(OffsiteException.class, () -> store.get("missing/nothing.bin"));
        assertEquals(Reason.OBJECT_MISSING, e.reason());
        assertEquals("missing/nothing.bin", e.key());
        assertEquals("get", e.operation());
        assertTrue(e.getMessage().contains("'missing/nothing.bin'"), e.getMessage());
        assertTrue(e.getMessage().contains("s3://gold-backups/tests/missing/nothing.bin (404 NoSuchKey)"),
                e.getMessage());
    }

    @Test
    void aMissingBucketIsToldApartFromAMissingKey() {
        ObjectStore nowhere = storeWith(Map.of("gold-backup.offsite.targets.primary.bucket", "no-such-bucket"));

        OffsiteException head = assertThrows(OffsiteException.class, () -> nowhere.head("a"));
        OffsiteException get = assertThrows(OffsiteException.class, () -> nowhere.get("a"));
        OffsiteException put = assertThrows(OffsiteException.class, () -> nowhere.put("a", new byte[1], Map.of()));

        for (OffsiteException e : List.of(head, get, put)) {
            assertEquals(Reason.BUCKET_MISSING, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("bucket 'no-such-bucket' does not exist"), e.getMessage());
        }
    }

    @Test
    void wrongCredentialsAreSaidToBeRefusedAndTheSecretIsNeverShown() {
        String secret = "not-the-secret-1234567890";
        ObjectStore refused = storeWith(Map.of("gold-backup.offsite.targets.primary.secret-access-key", secret));

        List<OffsiteException> failures = List.of(
                assertThrows(OffsiteException.class, () -> refused.put("a", new byte[1], Map.of())),
                assertThrows(OffsiteException.class, () -> refused.head("a")),
                assertThrows(OffsiteException.class, () -> refused.list("")),
                assertThrows(OffsiteException.class, () -> refused.upload("a", Map.of()).close()));

        for (OffsiteException e : failures) {
            assertEquals(Reason.CREDENTIALS_REFUSED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("credentials were refused"), e.getMessage());
            assertTrue(e.getMessage().startsWith("Off-site target primary: "), e.getMessage());
            assertFalse(fullText(e).contains(secret), "the secret must not show: " + e.getMessage());
        }
    }

    @Test
    void anUnreachableEndpointIsSaidToBeUnreachableWithinSeconds() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        ObjectStore dead = storeWith(
                Map.of("gold-backup.offsite.targets.primary.endpoint", "http://127.0.0.1:" + closedPort));

        OffsiteException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(OffsiteException.class, () -> dead.head("a")));

        assertEquals(Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("endpoint http://127.0.0.1:" + closedPort + " unreachable"), e.getMessage());
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void anEndpointThatDropsConnectionsIsSaidToBeUnreachableWithinSeconds() throws IOException {
        // A listening socket whose accept queue is full: the kernel drops further SYNs, as a firewall would.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean dropping = false;
                for (int i = 0; i < 10 && !dropping; i++) {
                    Socket socket = new Socket();
                    queued.add(socket);
                    try {
                        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                                300);
                    } catch (SocketTimeoutException e) {
                        dropping = true;
                    }
                }
                assumeTrue(dropping, "this kernel does not drop connections to a full accept queue");
                ObjectStore dropped = storeWith(Map.of("gold-backup.offsite.targets.primary.endpoint",
                        "http://127.0.0.1:" + silent.getLocalPort()));

                long start = System.nanoTime();
                OffsiteException e = assertThrows(OffsiteException.class, () -> dropped.head("a"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertEquals(Reason.UNREACHABLE, e.reason(), e.getMessage());
                assertTrue(e.getMessage().contains("timed out"), e.getMessage());
                // Three attempts of the 2 s connect timeout, and the backoff between them.
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void deleteRemovesAnObjectAndIsQuietForAMissingOne() {
        store.put("deleted/one", new byte[1], Map.of());

        store.delete("deleted/one");
        store.delete("deleted/one");

        assertEquals(Optional.empty(), store.head("deleted/one"));
    }

    @Test
    void deleteIsRefusedWhileARetentionIsInForce() {
        Instant until = Instant.parse("2030-01-01T00:00:00Z");
        store.put("retained/one", new byte[1], Map.of(ObjectStore.RETAIN_UNTIL, until.toString()));
        assertEquals(Optional.of(until), store.head("retained/one").orElseThrow().retainUntil());
        clock.set(until.minusSeconds(1));
        try {
            OffsiteException e = assertThrows(OffsiteException.class, () -> store.delete("retained/one"));

            assertEquals(Reason.RETAINED, e.reason());
            assertTrue(e.getMessage().contains("retained until 2030-01-01T00:00:00Z"), e.getMessage());
            assertTrue(store.head("retained/one").isPresent());

            clock.set(until);
            store.delete("retained/one");
            assertEquals(Optional.empty(), store.head("retained/one"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void objectLockIsNotImplementedByS3ProxySoALockingTargetFailsAndLeavesNothing() {
        ObjectStore locking = storeWith(Map.of("gold-backup.offsite.targets.primary.object-lock-days", "1"));

        OffsiteException put = assertThrows(OffsiteException.class,
                () -> locking.put("locked/small", new byte[1], Map.of()));
        OffsiteException upload = assertThrows(OffsiteException.class, () -> {
            try (OutputStream out = locking.upload("locked/big", Map.of())) {
                writePattern(out, 4, 9L * MIB, MIB);
            }
        });

        for (OffsiteException e : List.of(put, upload)) {
            assertEquals(Reason.NOT_SUPPORTED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("501 NotImplemented"), e.getMessage());
        }
        assertEquals(Optional.empty(), store.head("locked/small"));
        assertEquals(Optional.empty(), store.head("locked/big"));
    }

    /** A store for the target "primary" of s3proxy with some keys changed. */
    private static ObjectStore storeWith(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(s3proxy.config("primary", PREFIX));
        config.putAll(overrides);
        ObjectStores changed = new ObjectStores(OffsiteConfigs.of(config), clock);
        others.add(changed);
        return changed.target("primary").orElseThrow();
    }

    /** Writes {@code size} pseudo-random bytes of {@code seed} in writes of {@code chunk}; answers their digest. */
    static String writePattern(OutputStream out, long seed, long size, int chunk) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest sha = sha256();
        byte[] buffer = new byte[chunk];
        for (long left = size; left > 0;) {
            int n = (int) Math.min(chunk, left);
            random.nextBytes(buffer);
            out.write(buffer, 0, n);
            sha.update(buffer, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String digest(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0;) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
