package io.goldbackup.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * A backup's seal: HMAC-SHA256, under a seal sub-key of {@code GOLD_BACKUP_KEYS} ({@link SealKeys}), over its checksum
 * and the metadata that say which backup it is. The checksum alone can be recomputed by anyone who can change a row;
 * the seal only by a key holder, and the database never holds a key. A row changed and the checksum recomputed to
 * match is caught here: the checksum no longer matches the seal.
 * <p>
 * The sealed message ({@value #FORMAT}) is the format line, then one line per field, in this order, each as
 * {@code name=<UTF-8 byte length>:<value>} ({@code name=-} for a null): {@code key_id}, {@code id}, {@code uuid},
 * {@code backup_type}, {@code purpose}, {@code backup_timestamp_us} (microseconds since the epoch), {@code triggered_by},
 * {@code total_users_backed_up}, {@code checksum}, {@code snapshot_version}. Length-prefixed, so no value can be
 * shifted into the next field.
 */
final class BackupSeal {

    /** The first line of every sealed message: a new format gets a new line, never a changed meaning. */
    static final String FORMAT = "gold-backup-seal/v1";

    private BackupSeal() {
    }

    /**
     * What a seal covers: the backup's identity (local id and global uuid, type, purpose, time, who took it), its
     * wallet count and checksum, and the version of the row format the checksum was computed over.
     */
    record Fields(long id, UUID uuid, String backupType, String purpose, Instant backupTimestamp,
            String triggeredBy, long walletCount, String checksum, int snapshotVersion) {
    }

    /** A seal as a backup stores it: the key's id and the MAC in hex. */
    record Seal(String keyId, String mac) {
    }

    /** What checking a backup's seal found. */
    enum Check {
        /** The seal matches: made by a holder of the named key over exactly these fields. */
        VALID("valid", true),
        /** The seal does not match: the checksum or the metadata changed after the backup was sealed. */
        INVALID("invalid", false),
        /**
         * The seal names a key that is not configured. Refused like a forgery, because it cannot be told from one:
         * keep every key in {@code GOLD_BACKUP_KEYS} as long as backups sealed with it are kept.
         */
        UNKNOWN_KEY("unknown_key", false),
        /** The backup is sealed, but no key is configured at all: the seal could not be checked. */
        UNCHECKED("unchecked", true),
        /** The backup carries no seal: taken before seals existed, or while no key was configured. */
        UNSEALED("unsealed", true);

        private final String wire;
        private final boolean passes;

        Check(String wire, boolean passes) {
            this.wire = wire;
            this.passes = passes;
        }

        /** As the API writes it. */
        String wire() {
            return wire;
        }

        /** Whether the seal lets the backup pass (an unsealed one passes unless seals are required). */
        boolean passes(boolean requireSeal) {
            return passes && !(requireSeal && this == UNSEALED);
        }
    }

    /** Seals {@code fields} with the current key; empty when no key is configured. */
    static Optional<Seal> seal(SealKeys keys, Fields fields) {
        return keys.currentId().map(keyId -> new Seal(keyId, HexFormat.of().formatHex(
                keys.mac(keyId, message(fields, keyId)).orElseThrow(
                        () -> new IllegalStateException("the current key " + keyId + " has no seal key")))));
    }

    /** Checks {@code stored} (null: unsealed) against {@code fields} as they are now. */
    static Check check(SealKeys keys, Fields fields, Seal stored) {
        if (stored == null) {
            return Check.UNSEALED;
        }
        if (keys.currentId().isEmpty()) {
            return Check.UNCHECKED;
        }
        Optional<byte[]> expected = keys.mac(stored.keyId(), message(fields, stored.keyId()));
        if (expected.isEmpty()) {
            return Check.UNKNOWN_KEY;
        }
        byte[] actual;
        try {
            actual = HexFormat.of().parseHex(stored.mac());
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        return MessageDigest.isEqual(expected.get(), actual) ? Check.VALID : Check.INVALID;
    }

    /** The sealed message: see the class comment. The key id is inside, so a seal cannot be moved to another key. */
    static byte[] message(Fields f, String keyId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        line(out, FORMAT);
        field(out, "key_id", keyId);
        field(out, "id", Long.toString(f.id()));
        field(out, "uuid", f.uuid() == null ? null : f.uuid().toString());
        field(out, "backup_type", f.backupType());
        field(out, "purpose", f.purpose());
        field(out, "backup_timestamp_us", f.backupTimestamp() == null
                ? null
                : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, f.backupTimestamp())));
        field(out, "triggered_by", f.triggeredBy());
        field(out, "total_users_backed_up", Long.toString(f.walletCount()));
        field(out, "checksum", f.checksum());
        field(out, "snapshot_version", Integer.toString(f.snapshotVersion()));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        if (value == null) {
            line(out, name + "=-");
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((name + "=" + bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.write('\n');
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
