package io.goldbackup.offsite;

import java.io.InputStream;

/**
 * Reads the rows of an off-site copy, as {@link OffsiteService#readCopy} hands them over after the manifest and the
 * object checked out: an off-site restore drill loads them into its scratch tables.
 *
 * @param <T> what the reader answers
 */
@FunctionalInterface
public interface CopyReader<T> {

    /**
     * @param manifest the copy's verified manifest (its checksum, wallet count and totals are the copy's record)
     * @param rows the backup's canonical text, decrypted and decompressed as it streams; read it to the end
     * @param finalCheck call it once {@code rows} is read to the end and before relying on them: it refuses a copy
     *        whose stored bytes do not hash to the manifest's SHA-256 (an {@link OffsiteRefusedException})
     */
    T read(Manifest manifest, InputStream rows, Runnable finalCheck);
}
