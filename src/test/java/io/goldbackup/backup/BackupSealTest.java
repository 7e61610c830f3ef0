package io.goldbackup.backup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.goldbackup.offsite.BackupKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seal over a backup's checksum and metadata: what it covers, key rotation, and the states without a key. */
class BackupSealTest {

    private static final String K1 = BackupKeys.generate("k1");
    private static final String K2 = BackupKeys.generate("k2");

    private static final BackupSeal.Fields FIELDS = new BackupSeal.Fields(42,
            UUID.fromString("0b0c7c5e-8f55-4d8f-9a43-3c1b7f9d2a11"), "manual", "backup",
            Instant.parse("2026-11-30T02:00:00.123456Z"), "operator-1", 1000,
            "5d41402abc4b2a76b9719d911017c592ae7e8b5f0d3f0a7b8c9d0e1f2a3b4c5d", 1);

    /** The keys as the service holds them: {@code GOLD_BACKUP_KEYS}, the first entry current. */
    private static SealKeys keys(String value) {
        BackupKeys parsed = value == null ? null : BackupKeys.parse(value);
        return new SealKeys() {
            @Override
            public Optional<String> currentId() {
                return Optional.ofNullable(parsed).map(k -> k.current().id());
            }

            @Override
            public Optional<byte[]> mac(String keyId, byte[] message) {
                return Optional.ofNullable(parsed).flatMap(k -> k.byId(keyId)).map(k -> k.sealMac(message));
            }
        };
    }

    @Test
    void aSealMadeWithTheCurrentKeyChecksOut() {
        SealKeys keys = keys(K1);
        BackupSeal.Seal seal = BackupSeal.seal(keys, FIELDS).orElseThrow();

        assertEquals("k1", seal.keyId());
        assertTrue(seal.mac().matches("[0-9a-f]{64}"), seal.mac());
        assertEquals(BackupSeal.Check.VALID, BackupSeal.check(keys, FIELDS, seal));
    }

    @Test
    void everySealedFieldIsCovered() {
        SealKeys keys = keys(K1);
        BackupSeal.Seal seal = BackupSeal.seal(keys, FIELDS).orElseThrow();
        BackupSeal.Fields f = FIELDS;
        for (BackupSeal.Fields changed : new BackupSeal.Fields[]{
                new BackupSeal.Fields(43, f.uuid(), f.backupType(), f.purpose(), f.backupTimestamp(), f.triggeredBy(),
                        f.walletCount(), f.checksum(), f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), UUID.randomUUID(), f.backupType(), f.purpose(), f.backupTimestamp(),
                        f.triggeredBy(), f.walletCount(), f.checksum(), f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), f.uuid(), "emergency", f.purpose(), f.backupTimestamp(),
                        f.triggeredBy(), f.walletCount(), f.checksum(), f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), f.uuid(), f.backupType(), "restore_safety", f.backupTimestamp(),
                        f.triggeredBy(), f.walletCount(), f.checksum(), f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), f.uuid(), f.backupType(), f.purpose(),
                        f.backupTimestamp().plusNanos(1000), f.triggeredBy(), f.walletCount(), f.checksum(),
                        f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), f.uuid(), f.backupType(), f.purpose(), f.backupTimestamp(), "admin-1",
                        f.walletCount(), f.checksum(), f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), f.uuid(), f.backupType(), f.purpose(), f.backupTimestamp(),
                        f.triggeredBy(), 999, f.checksum(), f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), f.uuid(), f.backupType(), f.purpose(), f.backupTimestamp(),
                        f.triggeredBy(), f.walletCount(), f.checksum().replace('5', '6'), f.snapshotVersion()),
                new BackupSeal.Fields(f.id(), f.uuid(), f.backupType(), f.purpose(), f.backupTimestamp(),
                        f.triggeredBy(), f.walletCount(), f.checksum(), 2)}) {
            assertEquals(BackupSeal.Check.INVALID, BackupSeal.check(keys, changed, seal), changed.toString());
        }
    }

    @Test
    void fieldsAreLengthPrefixedSoNoValueSpillsIntoTheNext() {
        BackupSeal.Fields a = new BackupSeal.Fields(1, null, "manual", "backup", null, "x\ntotal_users_backed_up=1:5",
                5, "c", 1);
        BackupSeal.Fields b = new BackupSeal.Fields(1, null, "manual", "backup", null, "x", 5, "c", 1);

        assertNotEquals(new String(BackupSeal.message(a, "k1"), StandardCharsets.UTF_8),
                new String(BackupSeal.message(b, "k1"), StandardCharsets.UTF_8));
        assertTrue(new String(BackupSeal.message(b, "k1"), StandardCharsets.UTF_8)
                .startsWith("gold-backup-seal/v1\nkey_id=2:k1\nid=1:1\nuuid=-\n"));
    }

    @Test
    void afterARotationTheOldKeyStillVerifiesAndNewSealsUseTheNewOne() {
        BackupSeal.Seal old = BackupSeal.seal(keys(K1), FIELDS).orElseThrow();
        SealKeys rotated = keys(K2 + "," + K1);

        assertEquals(BackupSeal.Check.VALID, BackupSeal.check(rotated, FIELDS, old));
        assertEquals("k2", BackupSeal.seal(rotated, FIELDS).orElseThrow().keyId());
        // A seal moved to another key id is no seal of that key.
        assertEquals(BackupSeal.Check.INVALID,
                BackupSeal.check(rotated, FIELDS, new BackupSeal.Seal("k2", old.mac())));
    }

    @Test
    void aSealWhoseKeyIsGoneFailsLikeAForgery() {
        BackupSeal.Seal old = BackupSeal.seal(keys(K1), FIELDS).orElseThrow();
        BackupSeal.Check check = BackupSeal.check(keys(K2), FIELDS, old);

        assertEquals(BackupSeal.Check.UNKNOWN_KEY, check);
        assertFalse(check.passes(false));
        assertEquals(BackupSeal.Check.INVALID,
                BackupSeal.check(keys(K1), FIELDS, new BackupSeal.Seal("k1", "not hex")));
    }

    @Test
    void withoutKeysNothingIsSealedAndASealCannotBeChecked() {
        SealKeys none = keys(null);
        BackupSeal.Seal sealed = BackupSeal.seal(keys(K1), FIELDS).orElseThrow();

        assertEquals(Optional.empty(), BackupSeal.seal(none, FIELDS));
        assertEquals(BackupSeal.Check.UNCHECKED, BackupSeal.check(none, FIELDS, sealed));
        assertEquals(BackupSeal.Check.UNSEALED, BackupSeal.check(none, FIELDS, null));
        assertEquals(BackupSeal.Check.UNSEALED, BackupSeal.check(keys(K1), FIELDS, null));
        assertTrue(BackupSeal.Check.UNCHECKED.passes(false));
        // Unsealed passes until seals are required (gold-backup.verify.require-seal).
        assertTrue(BackupSeal.Check.UNSEALED.passes(false));
        assertFalse(BackupSeal.Check.UNSEALED.passes(true));
        assertTrue(BackupSeal.Check.VALID.passes(true));
    }
}
