package io.goldbackup.backup;

import java.time.Instant;

/** One backup in a wallet's history: which backup, and the wallet's row in it. */
public record WalletBackupEntry(long backupId, Instant backupTimestamp, String backupName, BackupType backupType,
        BackupWallet wallet) {
}
