package io.goldbackup.offsite;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys of the off-site copies, from {@code GOLD_BACKUP_KEYS}: comma-separated {@code id:base64} entries, each 32
 * random bytes in standard base64. The first entry is current: new copies are encrypted and their manifests signed
 * with it. The others still decrypt and verify, which is how a key is rotated: put the new key first, keep the old
 * one after it until no copy needs it.
 * <p>
 * Parsing fails with an {@link IllegalArgumentException} that names the entry (counting from 1) and the problem, and
 * never carries key material, not even a character of it or a JDK message that quotes it: the message reaches logs
 * and startup failures. Ids are not secret and are named once they are valid.
 */
public final class BackupKeys {

    /** The environment variable that holds the keys (DESIGN.md, "Keys"). */
    public static final String ENVIRONMENT_VARIABLE = "GOLD_BACKUP_KEYS";

    /** Key ids: they end up in object metadata and manifests, so short and plain. */
    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");

    private final List<BackupKey> keys;

    private BackupKeys(List<BackupKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Parses {@code GOLD_BACKUP_KEYS}. Blanks around entries are ignored; anything else out of form is refused.
     *
     * @throws IllegalArgumentException naming the entry and the problem, never the key
     */
    public static BackupKeys parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " is empty: it needs at least one id:base64 "
                    + "entry of 32 random bytes");
        }
        String[] entries = value.split(",", -1);
        List<BackupKey> keys = new ArrayList<>(entries.length);
        List<byte[]> raws = new ArrayList<>(entries.length);
        try {
            for (int i = 0; i < entries.length; i++) {
                int number = i + 1;
                String entry = entries[i].strip();
                if (entry.isEmpty()) {
                    throw invalid(number, "is empty");
                }
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw invalid(number, "has no ':' between the key id and the key");
                }
                String id = entry.substring(0, colon);
                if (!ID.matcher(id).matches()) {
                    // The "id" of a malformed entry may be key material: it is not quoted.
                    throw invalid(number, "has an invalid key id: 1 to 32 characters of a-z, 0-9 and '-'");
                }
                for (int j = 0; j < keys.size(); j++) {
                    if (keys.get(j).id().equals(id)) {
                        throw invalid(number, "repeats key id '" + id + "' of entry " + (j + 1));
                    }
                }
                byte[] raw = decode(number, id, entry.substring(colon + 1));
                for (int j = 0; j < raws.size(); j++) {
                    if (MessageDigest.isEqual(raws.get(j), raw)) {
                        Arrays.fill(raw, (byte) 0);
                        throw invalid(number, "(key id '" + id + "') repeats the key of entry " + (j + 1)
                                + ": a rotation needs a new key");
                    }
                }
                raws.add(raw.clone());
                keys.add(new BackupKey(id, raw));
            }
        } finally {
            raws.forEach(raw -> Arrays.fill(raw, (byte) 0));
        }
        return new BackupKeys(keys);
    }

    /**
     * A fresh entry for {@code GOLD_BACKUP_KEYS}: {@code id:} and 32 bytes from {@link SecureRandom} in base64.
     *
     * @throws IllegalArgumentException when {@code id} is not a valid key id
     */
    public static String generate(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid key id: 1 to 32 characters of a-z, 0-9 and '-'");
        }
        byte[] raw = new byte[BackupKey.KEY_BYTES];
        // A new SecureRandom per call, not a static one: a native build would otherwise freeze its seed in the image.
        new SecureRandom().nextBytes(raw);
        String entry = id + ":" + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        return entry;
    }

    /** The key for new copies: the first entry. */
    public BackupKey current() {
        return keys.get(0);
    }

    /** The key with this id, current or older. */
    public Optional<BackupKey> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The key ids, current first. */
    public List<String> ids() {
        return keys.stream().map(BackupKey::id).toList();
    }

    /** Ids only: this object is logged when configuration is printed, and a key must never be. */
    @Override
    public String toString() {
        return "BackupKeys[current=" + current().id() + ", ids=" + ids() + "]";
    }

    private static byte[] decode(int number, String id, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The JDK's message quotes the offending character: neither it nor the exception is passed on.
            throw invalid(number, "(key id '" + id + "') is not valid standard base64");
        }
        if (raw.length != BackupKey.KEY_BYTES) {
            int length = raw.length;
            Arrays.fill(raw, (byte) 0);
            throw invalid(number, "(key id '" + id + "') is " + length + " bytes; a key is exactly "
                    + BackupKey.KEY_BYTES + " random bytes");
        }
        if (allSame(raw)) {
            Arrays.fill(raw, (byte) 0);
            throw invalid(number, "(key id '" + id + "') is one byte repeated 32 times, a placeholder rather than a "
                    + "random key");
        }
        return raw;
    }

    private static boolean allSame(byte[] raw) {
        for (byte b : raw) {
            if (b != raw[0]) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(int number, String problem) {
        return new IllegalArgumentException(ENVIRONMENT_VARIABLE + " entry " + number + " " + problem);
    }
}
