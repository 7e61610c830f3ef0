package io.goldbackup;

import io.goldbackup.audit.AuditEvent;
import io.goldbackup.backup.BackupDetails;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupWallet;
import io.goldbackup.backup.BackupWarning;
import io.goldbackup.backup.CreateBackupRequest;
import io.goldbackup.backup.VerifyResult;
import io.goldbackup.backup.VerifyRun;
import io.goldbackup.backup.WalletBackupEntry;
import io.goldbackup.health.SystemStats;
import io.goldbackup.offsite.BackupCopiesResource;
import io.goldbackup.offsite.CopyView;
import io.goldbackup.offsite.ExpiredCopy;
import io.goldbackup.offsite.OffsiteImport;
import io.goldbackup.offsite.OffsiteResource;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.offsite.RemoteBackup;
import io.goldbackup.restore.RestorePlan;
import io.goldbackup.restore.RestoreRequest;
import io.goldbackup.restore.RestoreRun;
import io.goldbackup.restore.WalletDiff;
import io.goldbackup.retention.CleanupReport;
import io.goldbackup.retention.CleanupRequest;
import io.goldbackup.retention.CleanupRun;
import io.goldbackup.schedule.DailyBackupResult;
import io.goldbackup.web.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every body that crosses the wire or goes through Jackson by hand, registered for reflection with its nested
 * records, for the native executable. Quarkus registers the types a resource method declares by itself; these are
 * also returned inside a {@code Response} (the 201 with a Location, the 202 of an operation answered asynchronously,
 * problem details, a dry run or a restore), written to JSON columns ({@link BackupWarning}, a cleanup's report, a
 * dry run's plan) or nested, which it cannot see.
 */
@RegisterForReflection(targets = {Problem.class, Problem.Violation.class, BackupSummary.class,
        BackupDetails.class, BackupWallet.class, BackupWarning.class, VerifyResult.class, WalletBackupEntry.class,
        CreateBackupRequest.class, RestorePlan.class, RestoreRun.class, WalletDiff.class, RestoreRequest.class,
        CleanupReport.class, CleanupRequest.class, DailyBackupResult.class, AuditEvent.class,
        SystemStats.class, CopyView.class, RemoteBackup.class, ExpiredCopy.class, OffsiteService.CopyJobResult.class,
        BackupCopiesResource.CopyRequest.class, OffsiteResource.ImportRequest.class, CleanupRun.class,
        OffsiteImport.class, VerifyRun.class}, ignoreNested = false)
final class NativeReflection {

    private NativeReflection() {
    }
}
