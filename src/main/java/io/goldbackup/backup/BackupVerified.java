package io.goldbackup.backup;

/**
 * A verification reached its verdict and recorded it (fired by {@link BackupVerifier#verify}, whoever asked for it):
 * what follows a verification observes this.
 */
public record BackupVerified(VerifyResult result) {
}
