package io.goldbackup.offsite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.quarkus.logging.Log;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * An upload in progress: holds one part in memory, sends each as it fills. {@link #close()} completes it;
 * {@link #abort()} discards it.
 */
public final class ObjectUpload extends OutputStream {

    private final ObjectStore store;
    private final S3Client s3;
    private final String name;
    private final String bucket;
    private final String key;
    private final String fullKey;
    private final Map<String, String> metadata;
    private final Optional<Instant> retainUntil;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private long written;
    private String uploadId;
    private boolean finished;

    ObjectUpload(ObjectStore store, String key, String fullKey, Map<String, String> metadata,
            Optional<Instant> retainUntil) {
        this.store = store;
        this.s3 = store.s3();
        this.name = store.name();
        this.bucket = store.bucket();
        this.key = key;
        this.fullKey = fullKey;
        this.retainUntil = retainUntil;
        this.metadata = metadata;
        this.buffer = new byte[store.partSize()];
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        buffer[filled++] = (byte) b;
        written++;
        if (filled == buffer.length) {
            sendPart();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            written += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                sendPart();
            }
        }
    }

    /** Completes the upload: the object exists from now on. Again: nothing. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (uploadId == null) {
                putWhole();
            } else {
                if (filled > 0) {
                    sendPart();
                }
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(fullKey).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
                Log.debugf("Off-site target %s: uploaded %s, %d bytes in %d parts", name, key, written,
                        parts.size());
            }
            finished = true;
            buffer = null;
        } catch (SdkException e) {
            abort();
            throw store.failure("upload", key, e);
        }
    }

    /** Discards the upload and the parts already sent; no object is left. Again, or after close: nothing. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        buffer = null;
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(fullKey).uploadId(uploadId));
            } catch (SdkException e) {
                // The parts stay invisible and billed until the bucket's lifecycle rule removes them.
                Log.warnf("Off-site target %s: could not abort the upload of %s (%s); its parts stay until the"
                        + " bucket's AbortIncompleteMultipartUpload rule removes them", name, key, e.getMessage());
            }
        }
    }

    private void putWhole() {
        byte[] data = buffer;
        int length = filled;
        s3.putObject(r -> {
            r.bucket(bucket).key(fullKey).metadata(metadata).contentMD5(md5(data, length));
            retainUntil.ifPresent(u -> r.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(u));
        }, body(data, length));
    }

    private void sendPart() {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> {
                    r.bucket(bucket).key(fullKey).metadata(metadata);
                    retainUntil.ifPresent(
                            u -> r.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(u));
                }).uploadId();
            }
            int number = parts.size() + 1;
            byte[] data = buffer;
            int length = filled;
            String eTag = s3.uploadPart(r -> r.bucket(bucket).key(fullKey).uploadId(uploadId)
                    .partNumber(number).contentLength((long) length).contentMD5(md5(data, length)),
                    body(data, length)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            filled = 0;
        } catch (SdkException e) {
            abort();
            throw store.failure("upload", key, e);
        }
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("The upload of '" + key + "' to off-site target " + name + " has ended");
        }
    }

    /** The buffer itself, not a copy (as {@code RequestBody.fromBytes} makes): one part in memory, not two. */
    static RequestBody body(byte[] data, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
                "application/octet-stream");
    }

    static String md5(byte[] data, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, 0, length);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
