package io.goldbackup.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.S3ProxyResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.s3.S3Client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service booted with one target, {@code primary}, on s3proxy: the bean reads it from Quarkus' configuration. */
@QuarkusTest
@TestProfile(S3ProxyResource.Profile.class)
class ObjectStoresTest {

    @Inject
    ObjectStores stores;

    @Test
    void theConfiguredTargetStoresAndReadsBack() throws IOException {
        assertEquals(Set.of("primary"), stores.names());
        assertEquals(Optional.empty(), stores.target("secondary"));
        ObjectStore store = stores.target("primary").orElseThrow();
        byte[] data = "stored by the booted service".getBytes(StandardCharsets.UTF_8);

        store.put("booted/hello.txt", data, Map.of("via", "quarkus"));

        try (InputStream in = store.get("booted/hello.txt")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        try (S3Client own = S3ProxyResource.current().client()) {
            assertEquals("quarkus", own.headObject(r -> r.bucket(S3ProxyResource.BUCKET).key("booted/hello.txt"))
                    .metadata().get("via"));
        }
    }
}
