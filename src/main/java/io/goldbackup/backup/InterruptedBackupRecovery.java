package io.goldbackup.backup;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** At start, marks failed the backups that a crash or a kill left {@code running}. */
@Singleton
class InterruptedBackupRecovery {

    void onStart(@Observes StartupEvent event, BackupService service) {
        int failed = service.failInterrupted();
        if (failed > 0) {
            Log.warnf("Marked %d interrupted backup(s) as failed", failed);
        }
    }
}
