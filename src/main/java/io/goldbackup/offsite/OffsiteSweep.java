package io.goldbackup.offsite;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Tries again, on every replica (each copy's lock lets one of them at it), the copies whose retry time has come. */
@ApplicationScoped
class OffsiteSweep {

    private final OffsiteService service;

    OffsiteSweep(OffsiteService service) {
        this.service = service;
    }

    @Scheduled(identity = "offsite-sweep", every = "${gold-backup.offsite.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int tried = service.copyDue();
            if (tried > 0) {
                Log.infof("Off-site copies: %d copy(ies) tried again", tried);
            }
        } catch (RuntimeException e) {
            Log.debugf("Off-site sweep could not run now: %s", e.getMessage());
        }
    }
}
