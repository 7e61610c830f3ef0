package io.goldbackup.offsite;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An off-site operation that failed. The message names the target, the operation, the key and the reason, and never
 * a secret; {@link #reason()} lets a caller tell a store to try again later from one to fix.
 */
public class OffsiteException extends RuntimeException {

    /** Why it failed. */
    public enum Reason {
        /** No connection, or no answer in time: try again later. */
        UNREACHABLE,
        /** 403: the credentials were refused, or lack a permission. */
        CREDENTIALS_REFUSED,
        /** 404: the bucket does not exist. */
        BUCKET_MISSING,
        /** 404: no object at the key. */
        OBJECT_MISSING,
        /** A delete refused while a retention is in force. */
        RETAINED,
        /** 501: the store does not implement the request (Object Lock on s3proxy, for one). */
        NOT_SUPPORTED,
        /** Anything else the store answered. */
        FAILED
    }

    /** Where the target points, for the message: never its credentials. */
    record Where(String bucket, String prefix, String endpoint) {
    }

    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "ExpiredToken", "InvalidToken", "TokenRefreshRequired");

    private final String target;
    private final String operation;
    private final String key;
    private final Reason reason;

    OffsiteException(String target, String operation, String key, Reason reason, String detail, Throwable cause) {
        super("Off-site target " + target + ": " + operation + " of '" + key + "' failed: " + detail, cause);
        this.target = target;
        this.operation = operation;
        this.key = key;
        this.reason = reason;
    }

    /** The target's name. */
    public String target() {
        return target;
    }

    /** {@code upload}, {@code put}, {@code get}, {@code head}, {@code list} or {@code delete}. */
    public String operation() {
        return operation;
    }

    /** The key, relative to the target's prefix, as the caller gave it. */
    public String key() {
        return key;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** The SDK's failure {@code e}, told in the service's words. */
    static OffsiteException of(String target, String operation, String key, Where where, SdkException e) {
        Reason reason;
        String detail;
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null;
            String status = s3.statusCode() + (code != null ? " " + code : "");
            if (s3 instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
                reason = Reason.BUCKET_MISSING;
                detail = "bucket '" + where.bucket() + "' does not exist at " + where.endpoint() + " (" + status + ")";
            } else if (s3 instanceof NoSuchKeyException || "NoSuchKey".equals(code) || s3.statusCode() == 404) {
                reason = Reason.OBJECT_MISSING;
                detail = "no such object " + location(where, key) + " (" + status + ")";
            } else if (s3.statusCode() == 403 && (code == null || CREDENTIAL_CODES.contains(code))) {
                reason = Reason.CREDENTIALS_REFUSED;
                detail = "the credentials were refused by " + where.endpoint() + " (" + status + ")";
            } else if (s3.statusCode() == 403) {
                reason = Reason.CREDENTIALS_REFUSED;
                detail = "access denied: the credentials were refused or lack a permission for bucket '"
                        + where.bucket() + "' (" + status + ")";
            } else if (s3.statusCode() == 501) {
                reason = Reason.NOT_SUPPORTED;
                detail = "the object store at " + where.endpoint() + " does not implement this request (" + status
                        + "), such as Object Lock";
            } else if (s3.statusCode() == 301) {
                String region = s3.awsErrorDetails() == null
                        ? null
                        : s3.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region")
                                .orElse(null);
                reason = Reason.FAILED;
                detail = "bucket '" + where.bucket() + "' is in another region"
                        + (region != null ? " (" + region + ")" : "") + "; set the target's region (" + status + ")";
            } else {
                reason = Reason.FAILED;
                String message = s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorMessage() : null;
                detail = "the object store answered " + status + (message != null ? ": " + message : "");
            }
        } else if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            reason = Reason.UNREACHABLE;
            detail = where.endpoint() + " did not answer in time (" + e.getMessage() + ")";
        } else if (unreachable(e)) {
            reason = Reason.UNREACHABLE;
            detail = "endpoint " + where.endpoint() + " unreachable: " + networkCause(e);
        } else {
            reason = Reason.FAILED;
            detail = e.getMessage();
        }
        return new OffsiteException(target, operation, key, reason, detail, e);
    }

    private static String location(Where where, String key) {
        return "s3://" + where.bucket() + "/" + where.prefix() + key;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The network's words, without class names (the message may reach an API answer). */
    private static String networkCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        return root.getMessage() != null ? root.getMessage() : "no connection";
    }
}
