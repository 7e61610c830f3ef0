package io.goldbackup.restore;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** At start, marks failed the restores a crash left running (their transaction was rolled back by PostgreSQL). */
@Singleton
class InterruptedRestoreRecovery {

    void onStart(@Observes StartupEvent event, RestoreService service) {
        int failed = service.failInterrupted();
        if (failed > 0) {
            Log.warnf("Marked %d interrupted restore(s) as failed", failed);
        }
    }
}
