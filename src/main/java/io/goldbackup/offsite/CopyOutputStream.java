package io.goldbackup.offsite;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The write side of an off-site object, as {@link CopyFormat#writing} returns it: the caller writes the backup's COPY
 * text into it; it compresses, encrypts, and counts and hashes what reaches storage. After {@link #close()} it tells
 * the sizes and the SHA-256 that the manifest records.
 * <p>
 * Closing ends the zstd frame and writes the last encrypted segment, then flushes the storage stream and leaves it
 * open: the caller completes the upload, or aborts it if anything before failed. Closing after a failed write still
 * writes a well-formed (shorter) object, so a failed copy must never be completed or get a manifest.
 */
public final class CopyOutputStream extends OutputStream {

    private final OutputStream plaintext;
    private final MeasuringOutputStream stored;
    private long plaintextBytes;
    private boolean closed;
    /** Set once the close went through; null after a failed close, which leaves no size or digest to trust. */
    private String storedSha256;

    CopyOutputStream(OutputStream plaintext, MeasuringOutputStream stored) {
        this.plaintext = plaintext;
        this.stored = stored;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        plaintext.write(b);
        plaintextBytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        plaintext.write(b, off, len);
        plaintextBytes += len;
    }

    /**
     * Does nothing on purpose. A zstd flush ends a block and costs ratio (a caller that flushes per row would ruin
     * it), and it would not make bytes reach storage anyway: the cipher holds an unfinished segment until it is full
     * or the stream closes.
     */
    @Override
    public void flush() throws IOException {
        ensureOpen();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // zstd closes the cipher stream, which closes the measuring stream, which flushes storage and stops there.
        plaintext.close();
        storedSha256 = stored.sha256Hex();
    }

    /** The bytes written into this stream, before compression. */
    public long plaintextBytes() {
        return plaintextBytes;
    }

    /** The bytes that reached storage: the object's size. Only after {@link #close()}. */
    public long storedBytes() {
        requireClosed();
        return stored.bytes();
    }

    /** Lower-case hex SHA-256 of the bytes that reached storage. Only after {@link #close()}. */
    public String storedSha256() {
        requireClosed();
        return storedSha256;
    }

    /** The manifest entry of this object, stored under {@code key}. Only after {@link #close()}. */
    public Manifest.StoredObject storedObject(String key) {
        return new Manifest.StoredObject(key, storedBytes(), storedSha256());
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the copy stream is closed");
        }
    }

    private void requireClosed() {
        if (!closed) {
            throw new IllegalStateException("the stored size and SHA-256 are known once the copy stream is closed");
        }
        if (storedSha256 == null) {
            throw new IllegalStateException("the copy stream failed to close: the stored object is incomplete");
        }
    }
}
