package io.goldbackup.console;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.offsite.CopyView;
import io.goldbackup.offsite.ObjectStores;
import io.goldbackup.offsite.OffsiteService;

/**
 * What the console's pages read of the off-site copies, through {@link OffsiteService}: the configured targets and a
 * backup's copies.
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
}
