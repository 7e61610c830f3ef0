package io.goldbackup.offsite;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * The off-site copies' own retention ({@code gold-backup.offsite.retention.days.<type>}, longer than in the database
 * by default): a copy past it is removed by the cleanup, objects first and then its manifest; the newest completed
 * copy on each target is always kept, and a copy under Object Lock is never deleted before its retention ends.
 */
@ApplicationScoped
public class OffsiteRetention {

    private final OffsiteCopyRepository copies;
    private final ObjectStores stores;
    private final Clock clock;

    OffsiteRetention(OffsiteCopyRepository copies, ObjectStores stores, Clock clock) {
        this.copies = copies;
        this.stores = stores;
        this.clock = clock;
    }

    /** The completed copies past their retention on the configured targets, oldest first. */
    public List<ExpiredCopy> due() {
        Instant now = clock.instant();
        List<ExpiredCopy> due = new ArrayList<>();
        for (String target : stores.names()) {
            ObjectStore store = stores.target(target).orElseThrow();
            for (OffsiteCopy copy : copies.expired(target, now)) {
                Instant retained = Optional.ofNullable(copy.objectKey).flatMap(store::head)
                        .flatMap(ObjectInfo::retainUntil).filter(until -> until.isAfter(now)).orElse(null);
                due.add(new ExpiredCopy(copy.backupId, copy.backupUuid, target, copy.backupType, copy.expiresAt,
                        copy.storedBytes == null ? 0 : copy.storedBytes, retained));
            }
        }
        return due;
    }

    /** Deletes {@code due}'s copies that no lock protects; answers how many went. */
    public int delete(List<ExpiredCopy> due) {
        int deleted = 0;
        for (ExpiredCopy copy : due) {
            if (copy.retainedUntil() != null) {
                continue;
            }
            ObjectStore store = stores.target(copy.target()).orElseThrow();
            store.delete(ObjectKeys.wallets(copy.uuid()));
            store.delete(ObjectKeys.manifest(copy.uuid()));
            copies.of(copy.backupId(), copy.target()).ifPresent(row -> {
                row.status = "deleted";
                copies.save(row);
            });
            Log.infof("Off-site copy of backup %s on %s deleted (retention ended %s)", copy.uuid(), copy.target(),
                    copy.expiresAt());
            deleted++;
        }
        return deleted;
    }
}
