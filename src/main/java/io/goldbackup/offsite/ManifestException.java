package io.goldbackup.offsite;

/**
 * A manifest that does not verify: signed with a key this service does not hold, not signed, or changed since it was
 * signed. The message names the backup and what failed; it never carries a key or a MAC.
 */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }
}
