package io.goldbackup.offsite;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) the bytes on their way to storage, and leaves the storage stream open on close.
 * <p>
 * Not {@link java.security.DigestOutputStream}: that one counts nothing and closes the stream under it, while the
 * storage stream belongs to the caller, who alone knows whether the upload is to be completed or aborted.
 */
final class MeasuringOutputStream extends FilterOutputStream {

    private final MessageDigest sha256;
    private long bytes;
    private boolean closed;

    MeasuringOutputStream(OutputStream storage) {
        super(storage);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        bytes++;
    }

    /** Passes the whole array on: FilterOutputStream's default would write it one byte at a time. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        bytes += len;
    }

    /** Flushes storage and leaves it open; the digest is final from here on. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.flush();
        }
    }

    long bytes() {
        return bytes;
    }

    /** Lower-case hex SHA-256 of everything written; once, after close. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
