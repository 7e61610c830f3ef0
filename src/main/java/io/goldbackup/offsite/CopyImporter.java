package io.goldbackup.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupTransfer;
import io.goldbackup.backup.BackupType;
import io.goldbackup.db.Unavailability;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.security.Actor;
import io.goldbackup.web.Refusal;

/**
 * Reads what a bucket holds and brings a copy back: the manifest is checked (format, MAC under a configured key), the
 * object's size against the manifest, then the object is streamed down, decrypted (authenticated segment by
 * segment), decompressed and loaded with COPY FROM into a new partition, all in one transaction that commits only if
 * the stored bytes hash to the manifest's SHA-256 and the rows to the backup's checksum. A wrong key, a flipped byte,
 * a missing object or a manifest that does not match is refused naming the object, and nothing is imported.
 */
@ApplicationScoped
class CopyImporter {

    private final BackupTransfer transfer;
    private final BackupQueries queries;
    private final OffsiteKeys keys;
    private final ShutdownGuard shutdown;

    CopyImporter(BackupTransfer transfer, BackupQueries queries, OffsiteKeys keys, ShutdownGuard shutdown) {
        this.transfer = transfer;
        this.queries = queries;
        this.keys = keys;
        this.shutdown = shutdown;
    }

    /** Every copy in the bucket, newest backup first. */
    List<RemoteBackup> list(ObjectStore store) {
        List<Manifest> manifests = new ArrayList<>();
        for (ObjectInfo info : store.list(ObjectKeys.ROOT)) {
            if (info.key().endsWith("/" + ObjectKeys.MANIFEST)) {
                try {
                    manifests.add(read(store, info.key()));
                } catch (OffsiteRefusedException e) {
                    // not a manifest this service can read: left out of the listing
                }
            }
        }
        Set<UUID> known = queries.knownUuids(manifests.stream().map(m -> UUID.fromString(m.uuid())).toList());
        List<RemoteBackup> backups = new ArrayList<>();
        for (Manifest manifest : manifests) {
            boolean verified;
            try {
                manifest.verify(keys.get());
                verified = true;
            } catch (RuntimeException e) {
                verified = false;
            }
            backups.add(new RemoteBackup(manifest.uuid(), manifest.backupId(), manifest.backupTimestamp(),
                    manifest.backupType(), manifest.backupName(), manifest.totalUsersBackedUp(),
                    manifest.objects().stream().mapToLong(Manifest.StoredObject::bytes).sum(), manifest.keyId(),
                    manifest.createdAt(), verified, known.contains(UUID.fromString(manifest.uuid()))));
        }
        backups.sort(Comparator.comparing(RemoteBackup::backupTimestamp).reversed());
        return backups;
    }

    /** The manifest of the copy of {@code uuid}, or of the newest copy that had the original id {@code backupId}. */
    Manifest find(ObjectStore store, Optional<UUID> uuid, Optional<Long> backupId) {
        if (uuid.isPresent()) {
            String key = ObjectKeys.manifest(uuid.get());
            if (store.head(key).isEmpty()) {
                throw new OffsiteRefusedException("Target " + store.name() + " holds no copy of backup " + uuid.get()
                        + " (no object " + key + ")");
            }
            return read(store, key);
        }
        long id = backupId.orElseThrow();
        return list(store).stream().filter(b -> b.backupId() == id).findFirst()
                .map(b -> read(store, ObjectKeys.manifest(UUID.fromString(b.uuid()))))
                .orElseThrow(() -> new OffsiteRefusedException("Target " + store.name()
                        + " holds no copy of a backup with the original id " + id));
    }

    /** Imports the copy {@code manifest} describes; answers the new local backup id. */
    long importCopy(ObjectStore store, Manifest manifest, Actor actor) {
        verify(manifest);
        queries.byUuid(UUID.fromString(manifest.uuid())).ifPresent(local -> {
            throw new OffsiteRefusedException("Backup " + manifest.uuid() + " is already known here as backup "
                    + local.id() + "; nothing imported");
        });
        var origin = new BackupTransfer.Origin(UUID.fromString(manifest.uuid()), manifest.backupId(),
                manifest.backupTimestamp(), BackupType.fromWire("backupType", manifest.backupType()),
                manifest.backupName(), manifest.checksum(), store.name(), manifest.rowsVersion());
        return readObject(store, manifest,
                (m, plain, finalCheck) -> transfer.importRows(origin, plain, finalCheck::run, actor));
    }

    /**
     * Reads the copy {@code manifest} describes with the import's checks (the manifest's MAC, the object's size, each
     * segment's authentication, the stored bytes' SHA-256 through {@code reader}'s final check), without importing
     * it: what an off-site restore drill loads into its scratch tables.
     */
    <T> T read(ObjectStore store, Manifest manifest, CopyReader<T> reader) {
        verify(manifest);
        return readObject(store, manifest, reader);
    }

    private void verify(Manifest manifest) {
        String manifestKey = ObjectKeys.manifest(UUID.fromString(manifest.uuid()));
        try {
            manifest.verify(keys.get());
        } catch (ManifestException e) {
            throw new OffsiteRefusedException("The manifest " + manifestKey + " does not verify: " + e.getMessage()
                    + "; nothing imported");
        }
    }

    private <T> T readObject(ObjectStore store, Manifest manifest, CopyReader<T> reader) {
        String manifestKey = ObjectKeys.manifest(UUID.fromString(manifest.uuid()));
        if (manifest.objects().size() != 1) {
            throw new OffsiteRefusedException("The manifest " + manifestKey + " lists " + manifest.objects().size()
                    + " objects; this version reads copies of one object");
        }
        Manifest.StoredObject object = manifest.objects().get(0);
        ObjectInfo info = store.head(object.key()).orElseThrow(() -> new OffsiteRefusedException(
                "The object " + object.key() + " that the manifest lists is missing; nothing imported"));
        if (info.size() != object.bytes()) {
            throw new OffsiteRefusedException("The object " + object.key() + " has " + info.size()
                    + " bytes but its manifest says " + object.bytes() + "; nothing imported");
        }
        CopyFormat format;
        try {
            format = CopyFormat.forManifest(manifest, keys.get());
        } catch (ManifestException e) {
            throw new OffsiteRefusedException(e.getMessage() + "; nothing imported");
        }
        MessageDigest stored = CopyWriter.sha256();
        try (InputStream raw = store.get(object.key());
                DigestInputStream hashing = new DigestInputStream(raw, stored);
                InputStream plain = format.reading(hashing, ObjectKeys.associatedData(object.key()))) {
            return reader.read(manifest, StoppableStreams.input(plain, shutdown), () -> {
                String actual = HexFormat.of().formatHex(stored.digest());
                if (!actual.equals(object.sha256())) {
                    throw new OffsiteRefusedException("The object " + object.key() + " hashes to " + actual
                            + " but its manifest says " + object.sha256() + "; nothing imported");
                }
            });
        } catch (IOException e) {
            throw refused(object.key(), e);
        } catch (RuntimeException e) {
            if (e instanceof Refusal || Unavailability.isUnavailable(e)) {
                throw e;
            }
            throw refused(object.key(), e);
        }
    }

    /** A failure while reading the object: authentication (a wrong key, a changed byte), truncation, decompression. */
    private static OffsiteRefusedException refused(String key, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new OffsiteRefusedException("The object " + key + " could not be read back as the backup it should "
                + "hold (" + root.getMessage()
                + "): it is damaged, altered or made with another key; nothing imported");
    }

    private static Manifest read(ObjectStore store, String key) {
        try (InputStream in = store.get(key)) {
            return Manifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            if (e instanceof OffsiteException missing && missing.reason() == OffsiteException.Reason.OBJECT_MISSING) {
                throw new OffsiteRefusedException("The manifest " + key + " is missing");
            }
            if (e instanceof OffsiteException other) {
                throw other;
            }
            throw new OffsiteRefusedException("The manifest " + key + " cannot be read: " + e.getMessage());
        }
    }
}
