package io.goldbackup.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.backup.BackupService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Removes backups past their retention, or older than a given number of days: every status, failed ones included,
 * except running backups and the newest completed ones. Each goes by detaching and dropping its partition.
 * One cleanup runs at a time across all replicas (an advisory lock).
 */
@ApplicationScoped
public class CleanupService {

    /** Advisory lock namespace of the cleanup. */
    static final int CLEANUP_LOCK = 0x60_1d_c1_ea;

    private final AgroalDataSource dataSource;
    private final BackupService backups;
    private final RetentionConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    CleanupService(AgroalDataSource dataSource, BackupService backups, RetentionConfig config, MeterRegistry registry,
            Clock clock) {
        this.dataSource = dataSource;
        this.backups = backups;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Lists (dry run) or deletes what the policy removes.
     *
     * @param daysToKeep empty for the per-type retention fixed in each backup's expires_at
     * @throws CleanupInProgressException when another cleanup holds the lock
     */
    public CleanupReport cleanup(Optional<Integer> daysToKeep, boolean dryRun) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, true)) {
                throw new CleanupInProgressException();
            }
            try {
                List<CleanupReport.Candidate> candidates = candidates(c, daysToKeep, now);
                long rows = 0;
                long bytes = 0;
                for (CleanupReport.Candidate candidate : candidates) {
                    if (!dryRun) {
                        backups.delete(candidate.id());
                    }
                    rows += candidate.walletRows();
                    bytes += candidate.sizeBytes();
                }
                if (!dryRun) {
                    Counter.builder("gold.cleanup.deleted.backups").description("Backups deleted by cleanups")
                            .register(registry).increment(candidates.size());
                    Log.infof("Cleanup deleted %d backup(s), %,d wallet rows, %,d bytes", candidates.size(), rows,
                            bytes);
                }
                return new CleanupReport(dryRun, daysToKeep.isPresent() ? "older-than-days" : "retention",
                        daysToKeep.orElse(null), config.keepNewest(), now, candidates, candidates.size(), rows, bytes);
            } finally {
                lock(c, false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cleanup failed", e);
        }
    }

    private List<CleanupReport.Candidate> candidates(Connection c, Optional<Integer> daysToKeep, Instant now)
            throws SQLException {
        String due = daysToKeep.isPresent() ? "backup_timestamp < ?" : "expires_at <= ?";
        Instant cutoff = daysToKeep.map(d -> now.minus(Duration.ofDays(d))).orElse(now);
        try (PreparedStatement ps = c.prepareStatement("""
                WITH newest AS (
                    SELECT id FROM gold_backups WHERE status = 'completed'
                    ORDER BY backup_timestamp DESC, id DESC LIMIT ?
                )
                SELECT id, backup_name, backup_type, status, backup_timestamp, expires_at,
                       coalesce(size_bytes, 0), total_users_backed_up
                FROM gold_backups
                WHERE status <> 'running' AND id NOT IN (SELECT id FROM newest) AND %s
                ORDER BY backup_timestamp, id
                """.formatted(due))) {
            ps.setInt(1, config.keepNewest());
            ps.setTimestamp(2, Timestamp.from(cutoff));
            List<CleanupReport.Candidate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant taken = rs.getTimestamp(5).toInstant();
                    out.add(new CleanupReport.Candidate(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), taken, rs.getTimestamp(6).toInstant(),
                            Duration.between(taken, now).toDays(), rs.getLong(7), rs.getLong(8)));
                }
            }
            return out;
        }
    }

    private static boolean lock(Connection c, boolean take) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                take ? "SELECT pg_try_advisory_lock(?, 0)" : "SELECT pg_advisory_unlock(?, 0)")) {
            ps.setInt(1, CLEANUP_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
