package io.goldbackup.health;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.goldbackup.backup.BackupVerifier;
import io.smallrye.health.api.HealthGroup;

/**
 * Group {@code backups}: no corrupt backup. DOWN while any backup is marked corrupt (a verification found its rows or
 * its seal do not match), until it passes a verification again or an admin deletes it after the investigation. Its data
 * also say how many completed backups are unsealed or overdue for verification, and whether a seal key is configured.
 * One small query over the backup metadata.
 */
@HealthGroup("backups")
@ApplicationScoped
class IntegrityCheck implements HealthCheck {

    private final BackupVerifier verifier;

    IntegrityCheck(BackupVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("integrity");
        try {
            BackupVerifier.Integrity i = verifier.integrity();
            builder.withData("noCorruptBackup", i.corruptBackups() == 0)
                    .withData("corruptBackups", i.corruptBackups())
                    .withData("corruptBackupIds",
                            i.corruptBackupIds().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .withData("unsealedBackups", i.unsealedBackups())
                    .withData("overdueVerifications", i.overdueVerifications())
                    .withData("verifyEvery", i.every())
                    .withData("sealKey", i.sealKeyId() == null ? "none: backups are not sealed" : i.sealKeyId())
                    .withData("requireSeal", i.requireSeal());
            return builder.status(i.corruptBackups() == 0).build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", "the backup metadata cannot be read").build();
        }
    }
}
