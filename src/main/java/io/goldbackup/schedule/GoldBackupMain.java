package io.goldbackup.schedule;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point. Without arguments it runs the service. With {@code job daily-backup}, {@code job
 * weekly-cleanup}, {@code job offsite-copy}, {@code job verify} or {@code job restore-drill} it runs that job once, with the scheduler's retries,
 * and exits 0 on success and 1 on failure: the mode a Kubernetes CronJob uses instead of the in-process scheduler.
 * With {@code job backup --type T [--description D]} it takes one backup of that type (a deploy hook before a release
 * or a migration) and exits 0 when it completed, 1 when it was refused or failed. Arguments it does not understand:
 * exit 2 and the usage.
 */
@QuarkusMain
public class GoldBackupMain implements QuarkusApplication {

    /** The one-shot backup: {@code job backup --type T [--description D]}. */
    public static final String BACKUP = "backup";

    private static final String USAGE = "Usage: java -jar quarkus-run.jar [job daily-backup | job weekly-cleanup | "
            + "job offsite-copy | job verify | job restore-drill | " + BackupJobArguments.USAGE + "] ("
            + BackupJobArguments.USAGE_DETAIL
            + ")";

    @Inject
    ScheduledJobs jobs;

    @Inject
    OneShotBackup backup;

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (args.length == 2 && "job".equals(args[0])
                && (JobService.DAILY_BACKUP.equals(args[1]) || JobService.WEEKLY_CLEANUP.equals(args[1])
                        || JobService.OFFSITE_COPY.equals(args[1]) || JobService.VERIFY.equals(args[1])
                        || JobService.RESTORE_DRILL.equals(args[1]))) {
            boolean ok = jobs.runWithRetries(args[1]);
            Log.infof("One-shot job %s %s", args[1], ok ? "succeeded" : "failed");
            return ok ? 0 : 1;
        }
        if (args.length >= 2 && "job".equals(args[0]) && BACKUP.equals(args[1])) {
            BackupJobArguments parsed;
            try {
                parsed = BackupJobArguments.parse(List.of(args).subList(2, args.length));
            } catch (BackupJobArguments.InvalidArguments e) {
                Log.errorf("job backup: %s. %s", e.getMessage(), USAGE);
                return 2;
            }
            boolean ok = backup.run(parsed);
            Log.infof("One-shot job backup %s", ok ? "succeeded" : "failed");
            return ok ? 0 : 1;
        }
        Log.errorf("Unknown arguments. %s", USAGE);
        return 2;
    }
}
