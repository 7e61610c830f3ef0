package io.goldbackup.offsite;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.S3ProxyResource;

import software.amazon.awssdk.services.s3.S3Client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upload holds one part in memory, whatever the size of the stream: 100 MB go up from a JVM whose whole heap is
 * 40 MB. Measured: the JVM and the SDK need about 20 MB, one 8 MiB part fits in a 32 MB heap, and 28 MB are too few;
 * an upload that kept more than a couple of parts, let alone the stream, fails here with an OutOfMemoryError.
 */
class UploadMemoryTest {

    static final String KEY = "memory/hundred.bin";
    private static final long SIZE = 100L * 1024 * 1024;
    private static final Path LOG = Path.of("target", "upload-memory-check.log");

    private static S3ProxyResource.Server s3proxy;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyResource.startServer();
    }

    @AfterAll
    static void stop() {
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    @Test
    void aHundredMegabytesGoUpThroughAFortyMegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process check = new ProcessBuilder(List.of(java, "-Xmx40m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp",
                System.getProperty("java.class.path"), UploadMemoryCheck.class.getName(),
                s3proxy.endpoint().toString(), Long.toString(SIZE)))
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile())
                .start();

        assertTrue(check.waitFor(2, TimeUnit.MINUTES), "the upload did not finish in 2 minutes; see " + LOG);
        assertEquals(0, check.exitValue(), "the upload failed (OutOfMemoryError?); see " + LOG.toAbsolutePath());
        try (S3Client s3 = s3proxy.client()) {
            assertEquals(SIZE, s3.headObject(r -> r.bucket(S3ProxyResource.BUCKET).key(KEY)).contentLength());
        }
    }
}
