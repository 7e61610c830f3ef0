package io.goldbackup.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.backup.DailyBackupExistsException;
import io.goldbackup.retention.CleanupReport;
import io.goldbackup.retention.CleanupService;
import io.goldbackup.security.Actor;
import io.quarkus.logging.Log;

/**
 * The two scheduled jobs, one code path for the in-process scheduler, the operator's trigger and the one-shot
 * command mode. The daily backup is exactly once per UTC day across any number of replicas: an advisory lock on
 * the day keeps a second replica from starting a second snapshot, and the unique index on non-failed auto_daily
 * backups per day decides in the database even if the lock were lost.
 */
@ApplicationScoped
public class JobService {

    /** Advisory lock namespace of the daily job; the key is the UTC day. */
    static final int DAILY_LOCK = 0x60_1d_da_17;

    public static final String DAILY_BACKUP = "daily-backup";
    public static final String WEEKLY_CLEANUP = "weekly-cleanup";

    private final AgroalDataSource dataSource;
    private final BackupService backups;
    private final CleanupService cleanup;
    private final JobMonitor monitor;
    private final Clock clock;

    JobService(AgroalDataSource dataSource, BackupService backups, CleanupService cleanup, JobMonitor monitor,
            Clock clock) {
        this.dataSource = dataSource;
        this.backups = backups;
        this.cleanup = cleanup;
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * Creates the day's auto_daily backup unless the UTC day has one that did not fail. A replica that finds the
     * day's lock taken waits for it and then looks again: if the winner's backup failed (or its instance stopped
     * in the middle), the waiter takes the day over instead of leaving it without a backup until tomorrow.
     */
    public DailyBackupResult dailyBackup(Actor actor) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return monitored(DAILY_BACKUP, () -> {
            try (Connection c = dataSource.getConnection()) {
                if (!dayLock(c, day, true)) {
                    Log.infof("Daily backup for %s: another replica is taking it; waiting for its outcome", day);
                    waitForDayLock(c, day);
                }
                try {
                    Optional<Long> existing = dayBackup(c, day);
                    if (existing.isPresent()) {
                        return new DailyBackupResult(false, existing.get(), day.toString(), null);
                    }
                    BackupSummary created = backups.create(BackupType.AUTO_DAILY, null, "Scheduled daily backup",
                            actor);
                    return new DailyBackupResult(true, created.id(), day.toString(), created);
                } catch (DailyBackupExistsException e) {
                    return new DailyBackupResult(false, dayBackup(c, day).orElse(null), day.toString(), null);
                } finally {
                    dayLock(c, day, false);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the daily backup job could not reach the database", e);
            }
        });
    }

    /** Removes what the configured retention says has expired (no overrides: those are the admin's /cleanup). */
    public CleanupReport weeklyCleanup() {
        return monitored(WEEKLY_CLEANUP, () -> cleanup.cleanup(Optional.empty(), false));
    }

    private <T> T monitored(String job, Supplier<T> work) {
        monitor.started(job);
        try {
            return work.get();
        } finally {
            monitor.finished(job);
        }
    }

    /** The UTC day's auto_daily backup that did not fail. */
    private static Optional<Long> dayBackup(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id FROM gold_backups
                WHERE backup_type = 'auto_daily' AND status <> 'failed'
                  AND (backup_timestamp AT TIME ZONE 'UTC')::date = ?
                """)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void waitForDayLock(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            ps.setInt(1, DAILY_LOCK);
            ps.setInt(2, (int) day.toEpochDay());
            ps.execute();
        }
    }

    private static boolean dayLock(Connection c, LocalDate day, boolean take) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                take ? "SELECT pg_try_advisory_lock(?, ?)" : "SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, DAILY_LOCK);
            ps.setInt(2, (int) day.toEpochDay());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

}
