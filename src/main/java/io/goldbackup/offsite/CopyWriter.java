package io.goldbackup.offsite;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupDetails;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupTransfer;
import io.goldbackup.backup.RowDigest;
import io.goldbackup.operation.ShutdownGuard;

/**
 * Writes one backup's copy to one target: its canonical rows streamed out of PostgreSQL (COPY), compressed,
 * encrypted and uploaded in parts ({@link CopyFormat}, {@link ObjectStore}), then its signed manifest. The plaintext
 * is hashed on the way and must equal the backup's recorded checksum: a backup whose rows changed since it was taken
 * is not copied. The object goes up before its manifest, so a listing only ever shows whole copies; a failed upload
 * is aborted and leaves nothing.
 */
@ApplicationScoped
class CopyWriter {

    private final BackupTransfer transfer;
    private final BackupQueries queries;
    private final OffsiteKeys keys;
    private final Clock clock;
    private final ShutdownGuard shutdown;

    CopyWriter(BackupTransfer transfer, BackupQueries queries, OffsiteKeys keys, Clock clock, ShutdownGuard shutdown) {
        this.transfer = transfer;
        this.queries = queries;
        this.keys = keys;
        this.clock = clock;
        this.shutdown = shutdown;
    }

    /** What a written copy holds. */
    record Written(String objectKey, String manifestKey, long storedBytes, long plainBytes, String sha256,
            String keyId) {
    }

    Written write(BackupSummary backup, ObjectStore store) {
        CopyFormat format = CopyFormat.forNewCopies(keys.get());
        String objectKey = ObjectKeys.wallets(backup.uuid());
        String manifestKey = ObjectKeys.manifest(backup.uuid());
        ObjectUpload upload = store.upload(objectKey,
                Map.of("backup-uuid", backup.uuid().toString(), "key-id", format.key().id()));
        CopyOutputStream stored;
        try {
            stored = format.writing(upload, ObjectKeys.associatedData(objectKey));
            RowDigest.Result plain;
            try (OutputStream out = stored) {
                plain = transfer.export(backup.id(), StoppableStreams.output(out, shutdown));
            }
            if (!plain.sha256().equals(backup.checksum())) {
                throw new OffsiteRefusedException("Backup " + backup.id() + " was not copied: its rows hash to "
                        + plain.sha256() + " but it was recorded as " + backup.checksum() + " (verify it)");
            }
            upload.close();
        } catch (IOException e) {
            upload.abort();
            throw new UncheckedIOException("writing the copy of backup " + backup.id() + " failed", e);
        } catch (RuntimeException e) {
            upload.abort();
            throw e;
        }
        BackupDetails details = queries.details(backup.id());
        Manifest manifest = Manifest.builder().uuid(backup.uuid().toString()).backupId(backup.id())
                .backupTimestamp(backup.backupTimestamp()).backupType(backup.backupType().wire())
                .backupName(backup.backupName()).totalUsersBackedUp(backup.totalUsersBackedUp())
                .totals(details.totalGold(), details.totalGoldPerHour()).checksum(backup.checksum())
                .snapshotVersion(backup.snapshotVersion())
                .createdAt(clock.instant()).object(stored.storedObject(objectKey)).sign(format);
        store.put(manifestKey, manifest.toJson().getBytes(StandardCharsets.UTF_8),
                Map.of("backup-uuid", backup.uuid().toString()));
        return new Written(objectKey, manifestKey, stored.storedBytes(), stored.plaintextBytes(),
                stored.storedSha256(), format.key().id());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
