package io.goldbackup.schedule;

import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point. Without arguments it runs the service. With {@code job daily-backup}, {@code job
 * weekly-cleanup}, {@code job offsite-copy} or {@code job restore-drill} it runs that job once, with the scheduler's retries, and exits 0 on success and 1 on failure:
 * the mode a Kubernetes CronJob uses instead of the in-process scheduler.
 */
@QuarkusMain
public class GoldBackupMain implements QuarkusApplication {

    @Inject
    ScheduledJobs jobs;

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (args.length == 2 && "job".equals(args[0])
                && (JobService.DAILY_BACKUP.equals(args[1]) || JobService.WEEKLY_CLEANUP.equals(args[1])
                        || JobService.OFFSITE_COPY.equals(args[1]) || JobService.RESTORE_DRILL.equals(args[1]))) {
            boolean ok = jobs.runWithRetries(args[1]);
            Log.infof("One-shot job %s %s", args[1], ok ? "succeeded" : "failed");
            return ok ? 0 : 1;
        }
        Log.errorf("Unknown arguments. Usage: java -jar quarkus-run.jar "
                + "[job daily-backup|job weekly-cleanup|job offsite-copy|job restore-drill]");
        return 2;
    }
}
