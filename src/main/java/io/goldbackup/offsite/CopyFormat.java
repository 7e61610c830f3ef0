package io.goldbackup.offsite;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The byte format of an off-site object, both ways, as streams: nothing ever holds a whole backup.
 *
 * <pre>
 * write: COPY text -&gt; zstd -&gt; AES-256-GCM-HKDF (1 MiB segments) -&gt; count + SHA-256 -&gt; storage
 * read:  storage -&gt; decrypt and authenticate -&gt; zstd -&gt; COPY text
 * </pre>
 *
 * Compression comes before encryption because ciphertext does not compress. In flight at any moment: the cipher's
 * segment (1 MiB), zstd's block and buffers (a few hundred KiB at the default level) and a 64 KiB read buffer.
 * <p>
 * The associated data binds each object to its name; pass the same bytes on both sides, e.g. the object's key below
 * the target's prefix (a prefix may change when a bucket is reorganised; the backup's uuid and the part number do
 * not).
 * <p>
 * On the read side the caller checks the stored SHA-256 from the manifest (wrap the storage stream in a
 * {@link java.security.DigestInputStream}) and must read to the end: authentication is per segment, and a truncated
 * object is detected only at its end.
 */
public final class CopyFormat {

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final BackupKey key;
    private final Compression compression;

    public CopyFormat(BackupKey key, Compression compression) {
        this.key = Objects.requireNonNull(key, "key");
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    /** For new copies: the current key and the default compression. */
    public static CopyFormat forNewCopies(BackupKeys keys) {
        return new CopyFormat(keys.current(), Compression.DEFAULT);
    }

    /**
     * For reading the objects of {@code manifest}: its key and compression.
     *
     * @throws ManifestException when the manifest's key is not among {@code keys}
     */
    public static CopyFormat forManifest(Manifest manifest, BackupKeys keys) {
        BackupKey key = keys.byId(manifest.keyId()).orElseThrow(() -> new ManifestException("manifest of backup "
                + manifest.uuid() + " names key '" + manifest.keyId() + "', which is not in "
                + BackupKeys.ENVIRONMENT_VARIABLE));
        return new CopyFormat(key, Compression.parse(manifest.compression()));
    }

    public BackupKey key() {
        return key;
    }

    public Compression compression() {
        return compression;
    }

    /**
     * A stream to write one object's plaintext into. {@code storage} receives the object's bytes as they are made;
     * closing the returned stream finishes the object and leaves {@code storage} open for the caller to complete (or
     * abort) the upload.
     */
    public CopyOutputStream writing(OutputStream storage, byte[] associatedData) throws IOException {
        MeasuringOutputStream stored = new MeasuringOutputStream(Objects.requireNonNull(storage, "storage"));
        OutputStream encrypting = key.cipher().encrypting(stored, associatedData);
        return new CopyOutputStream(compression.compressing(encrypting), stored);
    }

    /**
     * The plaintext of one stored object. Closing it closes {@code stored}. A changed, truncated or misplaced object,
     * or one made with another key, ends a read with an {@link IOException}.
     */
    public InputStream reading(InputStream stored, byte[] associatedData) throws IOException {
        InputStream decrypting = key.cipher().decrypting(Objects.requireNonNull(stored, "stored"), associatedData);
        // zstd's single-byte read is a native call per byte; the buffer makes small reads cheap.
        return new BufferedInputStream(Compression.decompressing(decrypting), READ_BUFFER_BYTES);
    }

    @Override
    public String toString() {
        return "CopyFormat[key=" + key.id() + ", " + compression.name() + ", " + StreamCipher.NAME + "]";
    }
}
