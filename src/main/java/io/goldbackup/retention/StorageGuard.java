package io.goldbackup.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The seed's storage limits as hard limits: a backup that would exceed the number of backups or the storage is
 * refused, checked before it starts (count) and again with its measured size before it commits (bytes), so a
 * refused backup never leaves rows behind.
 */
@ApplicationScoped
public class StorageGuard {

    private final AgroalDataSource dataSource;
    private final StorageConfig config;
    private final MeterRegistry registry;

    StorageGuard(AgroalDataSource dataSource, StorageConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
    }

    /** Before a backup starts: refused when the backups that count (not failed) already reach the maximum. */
    public void checkCount() {
        long backups = single("SELECT count(*) FROM gold_backups WHERE status <> 'failed'");
        if (backups >= config.maxBackups()) {
            throw refuse("max_backups", "Refused: " + backups + " backups exist and gold-backup.storage.max-backups is "
                    + config.maxBackups() + ". Run a cleanup or raise the limit.");
        }
    }

    /**
     * Before a backup commits: refused when the stored backups plus this one's measured size exceed the maximum.
     *
     * @param newBytes the new backup's size, not yet visible to other sessions
     */
    public void checkSize(long newBytes) {
        long stored = single("""
                SELECT coalesce(sum(pg_total_relation_size(relid)), 0) + pg_total_relation_size('gold_backups')
                FROM pg_partition_tree('gold_backup_wallets') WHERE isleaf
                """);
        long max = config.maxSizeMb() * 1024 * 1024;
        if (stored + newBytes > max) {
            throw refuse("max_size", "Refused: this backup takes " + mb(newBytes) + " MB, the backups stored take "
                    + mb(stored) + " MB, and gold-backup.storage.max-size-mb is " + config.maxSizeMb()
                    + ". Run a cleanup or raise the limit (one backup of 1,000,000 wallets takes about 390 MB).");
        }
    }

    private StorageLimitException refuse(String reason, String message) {
        Counter.builder("gold.backup.refused").description("Backups refused by a storage limit, by limit")
                .tag("reason", reason).register(registry).increment();
        return new StorageLimitException(message);
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }

    private long single(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("measuring backup storage failed", e);
        }
    }
}
