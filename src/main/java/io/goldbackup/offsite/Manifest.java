package io.goldbackup.offsite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an off-site copy holds, stored beside its objects as JSON: the backup it copies, how the objects were made,
 * and each object's size and SHA-256. The digests are of the stored (encrypted) bytes, so anyone with read access to
 * the bucket can check that the objects are whole without a key; the MAC, HMAC-SHA256 under the manifest sub-key of
 * {@link #keyId()}, lets a key holder check that the manifest itself is genuine, and nobody without the key can forge
 * one.
 * <p>
 * The MAC covers the canonical JSON (see {@link ManifestJson}) of every field but {@code mac}. {@link #verify}
 * recomputes that JSON from the parsed values, so it checks what the service will act on, not merely some bytes.
 * <p>
 * The manifest itself is not encrypted: the listing of a bucket (uuid, backup id, time, type, wallets) must work
 * from manifests alone. Nothing in it is secret; the wallets are in the encrypted objects.
 *
 * @param formatVersion {@value #FORMAT_VERSION}; a reader refuses any other
 * @param uuid the backup's globally unique id, which names its objects
 * @param backupId the backup's id in the database that made the copy (ids restart after a rebuild: not a key)
 * @param totals the backup's totals, for a listing and as a check after an import
 * @param checksum SHA-256 (hex) of the backup's canonical rows, as the backup records it: an import recomputes it
 * @param snapshotVersion how that checksum is computed ({@code 2}: a hash tree over ranges of wallets); absent in
 *        copies made before version 2, which are version 1 (a flat SHA-256)
 * @param keyId the key that encrypted the objects and signed this manifest
 * @param compression {@code zstd-<level>}
 * @param cipher {@value StreamCipher#NAME}
 * @param objects the stored objects in order: the backup's COPY text is their concatenation
 * @param mac lower-case hex HMAC-SHA256 over the canonical JSON of the other fields; null only before signing
 */
@RegisterForReflection
public record Manifest(
        int formatVersion,
        String uuid,
        long backupId,
        Instant backupTimestamp,
        String backupType,
        String backupName,
        long totalUsersBackedUp,
        Totals totals,
        String checksum,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer snapshotVersion,
        String keyId,
        String compression,
        String cipher,
        Instant createdAt,
        List<StoredObject> objects,
        @JsonInclude(JsonInclude.Include.NON_NULL) String mac) {

    /** The format this service writes and reads. */
    public static final int FORMAT_VERSION = 1;

    static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** The backup's totals, as recorded with it. */
    @RegisterForReflection
    public record Totals(double totalGold, double totalGoldPerHour) {
        public Totals {
            finite("totals.totalGold", totalGold);
            finite("totals.totalGoldPerHour", totalGoldPerHour);
        }
    }

    /**
     * One stored object.
     *
     * @param key the object's key in the bucket
     * @param bytes its size as stored
     * @param sha256 lower-case hex SHA-256 of the stored (encrypted) bytes
     */
    @RegisterForReflection
    public record StoredObject(String key, long bytes, String sha256) {
        public StoredObject {
            if (key == null || key.isBlank()) {
                throw field("objects[].key", "must not be blank");
            }
            if (bytes < 0) {
                throw field("objects[].bytes", "must not be negative");
            }
            if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
                throw field("objects[].sha256", "must be 64 lower-case hex digits");
            }
        }
    }

    /** Checks every field; the message names the first that is wrong. */
    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw field("formatVersion", "is " + formatVersion + "; this service reads format " + FORMAT_VERSION);
        }
        if (uuid == null || !isCanonicalUuid(uuid)) {
            throw field("uuid", "must be a UUID in lower-case canonical form");
        }
        if (backupId <= 0) {
            throw field("backupId", "must be positive");
        }
        required("backupTimestamp", backupTimestamp);
        if (backupType == null || backupType.isBlank()) {
            throw field("backupType", "must not be blank");
        }
        required("backupName", backupName);
        if (totalUsersBackedUp < 0) {
            throw field("totalUsersBackedUp", "must not be negative");
        }
        required("totals", totals);
        if (snapshotVersion != null && snapshotVersion != 1 && snapshotVersion != 2) {
            throw field("snapshotVersion", "is " + snapshotVersion + "; this service reads snapshot versions 1 and 2");
        }
        if (checksum == null || !SHA256_HEX.matcher(checksum).matches()) {
            throw field("checksum", "must be 64 lower-case hex digits");
        }
        if (keyId == null || !BackupKeys.ID.matcher(keyId).matches()) {
            throw field("keyId", "must be 1 to 32 characters of a-z, 0-9 and '-'");
        }
        try {
            Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw field("compression", "must be zstd-1 .. zstd-19");
        }
        if (!StreamCipher.NAME.equals(cipher)) {
            throw field("cipher", "must be " + StreamCipher.NAME);
        }
        required("createdAt", createdAt);
        if (objects == null || objects.isEmpty()) {
            throw field("objects", "must list at least one object");
        }
        Set<String> keys = new HashSet<>();
        for (StoredObject o : objects) {
            required("objects[]", o);
            if (!keys.add(o.key())) {
                throw field("objects", "lists key '" + o.key() + "' twice");
            }
        }
        objects = List.copyOf(objects);
        if (mac != null && !SHA256_HEX.matcher(mac).matches()) {
            throw field("mac", "must be 64 lower-case hex digits");
        }
    }

    /** The snapshot version of the copied rows' checksum: 1 when the manifest does not name one. */
    public int rowsVersion() {
        return snapshotVersion == null ? 1 : snapshotVersion;
    }

    /** A builder for a new manifest; {@link Builder#sign} computes the MAC. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a stored manifest, strictly: an unknown or missing field, a wrong type, a repeated key or another format
     * version is refused. Parsing does not verify the MAC: call {@link #verify}.
     *
     * @throws IllegalArgumentException naming the field
     */
    public static Manifest parse(String json) {
        Objects.requireNonNull(json, "json");
        return ManifestJson.read(json);
    }

    /** The JSON to store: canonical, with the MAC. */
    public String toJson() {
        if (mac == null) {
            throw new IllegalStateException("an unsigned manifest is never stored");
        }
        return ManifestJson.write(this);
    }

    /**
     * Checks the MAC with the key named by {@link #keyId()}.
     *
     * @throws ManifestException when the key is not among {@code keys}, the manifest is not signed, or the MAC does
     *         not match
     */
    public void verify(BackupKeys keys) {
        BackupKey key = keys.byId(keyId).orElseThrow(() -> new ManifestException("manifest of backup " + uuid
                + " was signed with key '" + keyId + "', which is not in " + BackupKeys.ENVIRONMENT_VARIABLE));
        if (mac == null) {
            throw new ManifestException("manifest of backup " + uuid + " is not signed");
        }
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(mac), computeMac(key))) {
            throw new ManifestException("manifest of backup " + uuid + " does not match its MAC: it was changed "
                    + "after signing, or it was signed by another key than the one now named '" + keyId + "'");
        }
    }

    /** The canonical JSON the MAC covers: every field but {@code mac}. */
    String canonicalJson() {
        return ManifestJson.write(withMac(null));
    }

    private byte[] computeMac(BackupKey key) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.manifestMacKey(), "HmacSHA256"));
            return hmac.doFinal(canonicalJson().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private Manifest withMac(String newMac) {
        return new Manifest(formatVersion, uuid, backupId, backupTimestamp, backupType, backupName,
                totalUsersBackedUp, totals, checksum, snapshotVersion, keyId, compression, cipher, createdAt, objects,
                newMac);
    }

    private static boolean isCanonicalUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void required(String name, Object value) {
        if (value == null) {
            throw field(name, "is missing");
        }
    }

    private static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw field(name, "must be a finite number");
        }
    }

    private static IllegalArgumentException field(String name, String problem) {
        return new IllegalArgumentException("manifest field '" + name + "' " + problem);
    }

    /**
     * Collects the facts of the backup and of its stored objects; {@link #sign(CopyFormat)} takes the key, the
     * compression and the cipher from the {@link CopyFormat} that wrote the objects, so a manifest cannot name another
     * key than the one that encrypted them.
     */
    public static final class Builder {

        private String uuid;
        private long backupId;
        private Instant backupTimestamp;
        private String backupType;
        private String backupName;
        private long totalUsersBackedUp;
        private Totals totals;
        private String checksum;
        private Integer snapshotVersion;
        private Instant createdAt;
        private final List<StoredObject> objects = new ArrayList<>();

        private Builder() {
        }

        public Builder uuid(String uuid) {
            this.uuid = uuid;
            return this;
        }

        public Builder backupId(long backupId) {
            this.backupId = backupId;
            return this;
        }

        public Builder backupTimestamp(Instant backupTimestamp) {
            this.backupTimestamp = backupTimestamp;
            return this;
        }

        public Builder backupType(String backupType) {
            this.backupType = backupType;
            return this;
        }

        public Builder backupName(String backupName) {
            this.backupName = backupName;
            return this;
        }

        public Builder totalUsersBackedUp(long totalUsersBackedUp) {
            this.totalUsersBackedUp = totalUsersBackedUp;
            return this;
        }

        public Builder totals(double totalGold, double totalGoldPerHour) {
            this.totals = new Totals(totalGold, totalGoldPerHour);
            return this;
        }

        public Builder checksum(String checksum) {
            this.checksum = checksum;
            return this;
        }

        /** How the checksum is computed; leave it out for a version-1 backup (its copies never named it). */
        public Builder snapshotVersion(int snapshotVersion) {
            this.snapshotVersion = snapshotVersion == 1 ? null : snapshotVersion;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** Appends a stored object; the order is the order of the backup's rows. */
        public Builder object(StoredObject object) {
            objects.add(object);
            return this;
        }

        /**
         * The signed manifest: format version {@value Manifest#FORMAT_VERSION}, the key, compression and cipher of
         * {@code format}, and the MAC under that key.
         *
         * @throws IllegalArgumentException naming a field that is missing or wrong
         */
        public Manifest sign(CopyFormat format) {
            Manifest unsigned = new Manifest(FORMAT_VERSION, uuid, backupId, backupTimestamp, backupType, backupName,
                    totalUsersBackedUp, totals, checksum, snapshotVersion, format.key().id(),
                    format.compression().name(),
                    StreamCipher.NAME, createdAt, objects, null);
            return unsigned.withMac(HexFormat.of().formatHex(unsigned.computeMac(format.key())));
        }
    }
}
