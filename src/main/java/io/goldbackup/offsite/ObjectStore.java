package io.goldbackup.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.logging.Log;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One off-site target: a bucket, and a prefix in it, in an S3-compatible object store. Keys are relative to the
 * prefix. Every failure is an {@link OffsiteException} naming the target, the operation, the key and the reason.
 * Built by {@link ObjectStores}.
 *
 * <p>
 * With {@code object-lock-days}, every new object is locked in <b>compliance</b> mode until that many days after
 * its upload: nobody, the bucket's owner and root included, can delete or overwrite it before then. Governance mode
 * would let anyone holding {@code s3:BypassGovernanceRetention} remove it, and the copies exist for the day the
 * service's own credentials, or an administrator's, are in the wrong hands. The price: a lock set too long cannot be
 * shortened, so the days should not exceed the off-site retention. The same instant is written to the
 * {@value #RETAIN_UNTIL} metadata, which {@link #delete} honours on stores without Object Lock too.
 */
public final class ObjectStore {

    /** User metadata with the ISO-8601 instant before which {@link #delete} refuses to delete the object. */
    public static final String RETAIN_UNTIL = "retain-until";

    private final String name;
    private final String bucket;
    private final String prefix;
    private final String endpoint;
    private final Optional<Integer> objectLockDays;
    private final int partSize;
    private final S3Client s3;
    private final Clock clock;
    /** S3's own page size; tests make it small to cross pages. */
    int listPageSize = 1000;

    ObjectStore(String name, OffsiteConfig.Target target, int partSize, S3Client s3, Clock clock) {
        this.name = name;
        this.bucket = target.bucket();
        this.prefix = target.prefix().map(ObjectStore::folder).orElse("");
        this.endpoint = target.endpoint().map(URI::toString).orElse("AWS S3 in " + target.region());
        this.objectLockDays = target.objectLockDays();
        this.partSize = partSize;
        this.s3 = s3;
        this.clock = clock;
    }

    /** The target's name in the configuration. */
    public String name() {
        return name;
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** What an upload holds in memory: one part. */
    public int partSize() {
        return partSize;
    }

    /**
     * A stream that stores what is written to it at {@code key}: in parts of {@link #partSize()} bytes (a multipart
     * upload), or in one request if it all fits in one part. {@link ObjectUpload#close()} completes it; a failure, or
     * {@link ObjectUpload#abort()}, discards it and leaves no object behind. <b>Call {@code abort()} when the writing
     * fails</b>: a try-with-resources would complete a truncated object. {@link #upload(String, Map, Content)} does
     * that for you.
     */
    public ObjectUpload upload(String key, Map<String, String> metadata) {
        Optional<Instant> until = retainUntil();
        return new ObjectUpload(this, key, fullKey(key), withRetention(metadata, until), until);
    }

    /**
     * Stores what {@code content} writes at {@code key}, as {@link #upload(String, Map)}, and aborts the upload if
     * {@code content} fails. Answers the number of bytes stored.
     */
    public long upload(String key, Map<String, String> metadata, Content content) throws IOException {
        ObjectUpload upload = upload(key, metadata);
        try {
            content.writeTo(upload);
            upload.close();
            return upload.bytesWritten();
        } catch (IOException | RuntimeException | Error e) {
            upload.abort();
            throw e;
        }
    }

    /** Stores a small object (a manifest) at {@code key} in one request. */
    public void put(String key, byte[] small, Map<String, String> metadata) {
        String fullKey = fullKey(key);
        Optional<Instant> until = retainUntil();
        Map<String, String> meta = withRetention(metadata, until);
        try {
            s3.putObject(r -> {
                r.bucket(bucket).key(fullKey).metadata(meta).contentMD5(ObjectUpload.md5(small, small.length));
                until.ifPresent(u -> r.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(u));
            }, RequestBody.fromBytes(small));
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    /** The object at {@code key}, streamed; the caller closes it. */
    public InputStream get(String key) {
        String fullKey = fullKey(key);
        try {
            return s3.getObject(r -> r.bucket(bucket).key(fullKey));
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    /** Size, metadata and retention of the object at {@code key}; empty if there is none. */
    public Optional<ObjectInfo> head(String key) {
        String fullKey = fullKey(key);
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(bucket).key(fullKey));
        } catch (NoSuchKeyException e) {
            // A HEAD answers 404 without a body for a missing bucket too: tell the two apart.
            requireBucket("head", key);
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("head", key, e);
        }
        return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified(), head.metadata(),
                retainUntil(key, head)));
    }

    /**
     * Every object whose key starts with {@code keyPrefix}, in key order, read page by page. Without metadata or
     * retention, which S3 lists do not carry: {@link #head} tells them.
     */
    public List<ObjectInfo> list(String keyPrefix) {
        List<ObjectInfo> objects = new ArrayList<>();
        String token = null;
        try {
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket)
                        .prefix(prefix + keyPrefix).maxKeys(listPageSize);
                if (token != null) {
                    request.continuationToken(token);
                }
                ListObjectsV2Response page = s3.listObjectsV2(request.build());
                for (S3Object object : page.contents()) {
                    objects.add(new ObjectInfo(object.key().substring(prefix.length()), object.size(),
                            object.lastModified(), Map.of(), Optional.empty()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw failure("list", keyPrefix + "*", e);
        }
        return objects;
    }

    /**
     * Deletes the object at {@code key} for good (in a versioned bucket, as Object Lock needs, the version itself,
     * not only a delete marker in front of it); nothing to do if there is none. Refused with an
     * {@link OffsiteException} of reason {@code RETAINED} while a retention is in force.
     */
    public void delete(String key) {
        String fullKey = fullKey(key);
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(bucket).key(fullKey));
        } catch (NoSuchKeyException e) {
            requireBucket("delete", key);
            return;
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
        Optional<Instant> until = retainUntil(key, head);
        if (until.isPresent() && until.get().isAfter(clock.instant())) {
            throw new OffsiteException(name, "delete", key, OffsiteException.Reason.RETAINED,
                    "retained until " + until.get() + " (Object Lock or " + RETAIN_UNTIL + " metadata)", null);
        }
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(fullKey).versionId(head.versionId()));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    void close() {
        s3.close();
    }

    /** What an upload of the content writes: the caller's code, which may fail and so abort the upload. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private Optional<Instant> retainUntil() {
        return objectLockDays.map(days -> clock.instant().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS));
    }

    private static Map<String, String> withRetention(Map<String, String> metadata, Optional<Instant> until) {
        if (until.isEmpty()) {
            return Map.copyOf(metadata);
        }
        Map<String, String> meta = new HashMap<>(metadata);
        meta.put(RETAIN_UNTIL, until.get().toString());
        return Map.copyOf(meta);
    }

    /** The later of the Object Lock retention and the one the metadata declares. */
    private Optional<Instant> retainUntil(String key, HeadObjectResponse head) {
        Optional<Instant> lock = Optional.ofNullable(head.objectLockRetainUntilDate());
        Optional<Instant> declared = Optional.ofNullable(head.metadata().get(RETAIN_UNTIL)).flatMap(value -> {
            try {
                return Optional.of(Instant.parse(value));
            } catch (DateTimeParseException e) {
                Log.warnf("Off-site target %s: %s has an unreadable %s metadata '%s'; ignored", name, key,
                        RETAIN_UNTIL, value);
                return Optional.empty();
            }
        });
        if (lock.isPresent() && declared.isPresent()) {
            return Optional.of(lock.get().isAfter(declared.get()) ? lock.get() : declared.get());
        }
        return lock.isPresent() ? lock : declared;
    }

    private void requireBucket(String operation, String key) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw failure(operation, key, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw failure(operation, key, NoSuchBucketException.builder().statusCode(404).build());
            }
            throw failure(operation, key, e);
        } catch (SdkException e) {
            throw failure(operation, key, e);
        }
    }

    private String fullKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/")) {
            throw new IllegalArgumentException("An off-site key must not be empty or start with '/': " + key);
        }
        return prefix + key;
    }

    S3Client s3() {
        return s3;
    }

    OffsiteException failure(String operation, String key, SdkException e) {
        return OffsiteException.of(name, operation, key, new OffsiteException.Where(bucket, prefix, endpoint), e);
    }

    /** A prefix is a folder: "gold" and "gold/" both put keys under "gold/". */
    private static String folder(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }
}
