package io.goldbackup.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.offsite.CopyView;
import io.goldbackup.offsite.ObjectStores;
import io.goldbackup.offsite.OffsiteException;
import io.goldbackup.offsite.OffsiteService;
import io.quarkus.logging.Log;

/**
 * What the console's pages read of the off-site copies, through {@link OffsiteService}: the configured targets, a
 * backup's copies and each target's bucket. A bucket that cannot be listed is shown with its reason beside the
 * others: one unreachable store must not hide what the other targets hold.
 */
@ApplicationScoped
class ConsoleOffsite {

    private final OffsiteService offsite;
    private final ObjectStores stores;

    ConsoleOffsite(OffsiteService offsite, ObjectStores stores) {
        this.offsite = offsite;
        this.stores = stores;
    }

    /** The configured targets, sorted; empty when off-site copies are off. */
    Set<String> targets() {
        return stores.names();
    }

    /** The backup's copies, by target; none when no target is configured. */
    List<CopyView> copies(long backupId) {
        return stores.names().isEmpty() ? List.of() : offsite.copies(backupId);
    }

    /** Each configured target's bucket, newest copy first. */
    List<ConsoleViews.Bucket> buckets() {
        List<ConsoleViews.Bucket> buckets = new ArrayList<>();
        for (String target : stores.names()) {
            try {
                buckets.add(new ConsoleViews.Bucket(target, offsite.remote(target), null));
            } catch (OffsiteException e) {
                // The message names the target, the operation and the reason, never a credential.
                Log.warnf("The off-site page could not list target %s: %s", target, e.getMessage());
                buckets.add(new ConsoleViews.Bucket(target, List.of(), e.getMessage()));
            }
        }
        return buckets;
    }
}
