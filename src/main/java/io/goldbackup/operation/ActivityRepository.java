package io.goldbackup.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.goldbackup.db.Sql;

/**
 * What runs now and what ended last, across the tables of every kind of operation (backups, restore runs, cleanup
 * runs, off-site copies and imports, drills), for the console's status board. Native: one round trip answers all six
 * tables, each branch an index probe (the running rows through the partial indexes on {@code status = 'running'},
 * the latest ones through each table's time index and a LIMIT), so every open console page may ask every few
 * seconds whatever the size of the restore log. A restore's safety snapshot is part of its restore, not a backup of
 * its own here.
 */
@ApplicationScoped
class ActivityRepository {

    /** The columns of every branch, in {@link ActivityItem}'s order. */
    private static final String RUNNING = """
            SELECT * FROM (
                SELECT 'backup' AS kind, id, backup_name || ' (' || backup_type || ')' AS subject,
                       triggered_by AS actor, status, backup_timestamp AS started_at, NULL::timestamptz AS finished_at,
                       NULL::bigint AS processed, NULL::bigint AS total, id AS backup_id
                FROM gold_backups WHERE status = 'running' AND purpose = 'backup'
                UNION ALL
                SELECT CASE WHEN dry_run THEN 'dry-run' ELSE 'restore' END, id,
                       'from backup #' || backup_id || coalesce(', ' || target_count || ' named wallet(s)', ''),
                       coalesce(actor_name, triggered_by), status, started_at, NULL, wallets_processed, wallets_total,
                       backup_id
                FROM restore_runs WHERE status = 'running'
                UNION ALL
                SELECT CASE WHEN dry_run THEN 'cleanup-dry-run' ELSE 'cleanup' END, id,
                       coalesce('older than ' || days_to_keep || ' days', 'by the retention policy'),
                       coalesce(actor_name, triggered_by), status, started_at, NULL, backups_processed, backups_total,
                       NULL
                FROM cleanup_runs WHERE status = 'running'
                UNION ALL
                SELECT 'offsite-copy', id, 'backup #' || backup_id || ' to ' || target, NULL, status, started_at, NULL,
                       NULL, NULL, backup_id
                FROM offsite_copies WHERE status = 'running'
                UNION ALL
                SELECT 'offsite-import', id, 'from ' || target || coalesce(', original backup #' || original_backup_id, ''),
                       coalesce(actor_name, triggered_by), status, started_at, NULL, NULL, NULL, backup_id
                FROM offsite_imports WHERE status = 'running'
                UNION ALL
                SELECT 'drill', id, 'backup #' || backup_id || ' from ' || source || coalesce(' ' || target, ''),
                       coalesce(actor_name, triggered_by), status, started_at, NULL, NULL, NULL, backup_id
                FROM drills WHERE status = 'running'
            ) running
            ORDER BY started_at, kind, id
            LIMIT ?
            """;

    /** Each branch takes its own newest {@code n} (through its index) before the union is sorted. */
    private static final String LATEST = """
            SELECT * FROM (
                (SELECT 'backup' AS kind, id, backup_name || ' (' || backup_type || ')' AS subject,
                        triggered_by AS actor, status, backup_timestamp AS started_at,
                        coalesce(completed_at, backup_timestamp) AS finished_at, total_users_backed_up AS processed,
                        NULL::bigint AS total, id AS backup_id
                 FROM gold_backups WHERE status <> 'running' AND purpose = 'backup'
                 ORDER BY backup_timestamp DESC, id DESC LIMIT ?)
                UNION ALL
                (SELECT CASE WHEN dry_run THEN 'dry-run' ELSE 'restore' END, id,
                        'from backup #' || backup_id || coalesce(', ' || target_count || ' named wallet(s)', ''),
                        coalesce(actor_name, triggered_by), status, started_at, coalesce(finished_at, started_at),
                        wallets_processed, wallets_total, backup_id
                 FROM restore_runs WHERE status <> 'running' ORDER BY started_at DESC, id DESC LIMIT ?)
                UNION ALL
                (SELECT CASE WHEN dry_run THEN 'cleanup-dry-run' ELSE 'cleanup' END, id,
                        coalesce('older than ' || days_to_keep || ' days', 'by the retention policy'),
                        coalesce(actor_name, triggered_by), status, started_at, coalesce(finished_at, started_at),
                        backups_processed, backups_total, NULL
                 FROM cleanup_runs WHERE status <> 'running' ORDER BY started_at DESC, id DESC LIMIT ?)
                UNION ALL
                (SELECT 'offsite-copy', id, 'backup #' || backup_id || ' to ' || target, NULL, status, started_at,
                        finished_at, NULL, NULL, backup_id
                 FROM offsite_copies WHERE status IN ('completed', 'failed') AND finished_at IS NOT NULL
                 ORDER BY finished_at DESC, id DESC LIMIT ?)
                UNION ALL
                (SELECT 'offsite-import', id, 'from ' || target || coalesce(', original backup #' || original_backup_id, ''),
                        coalesce(actor_name, triggered_by), status, started_at, coalesce(finished_at, started_at), NULL,
                        NULL, backup_id
                 FROM offsite_imports WHERE status <> 'running' ORDER BY id DESC LIMIT ?)
                UNION ALL
                (SELECT 'drill', id, 'backup #' || backup_id || ' from ' || source || coalesce(' ' || target, ''),
                        coalesce(actor_name, triggered_by), status, started_at, coalesce(finished_at, started_at),
                        NULL, NULL, backup_id
                 FROM drills WHERE status <> 'running' ORDER BY id DESC LIMIT ?)
            ) latest
            ORDER BY finished_at DESC, kind, id DESC
            LIMIT ?
            """;

    private final AgroalDataSource dataSource;

    ActivityRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The operations running now, oldest first, at most {@code limit}. */
    List<ActivityItem> running(int limit) {
        return Sql.call("reading the running operations", () -> query(RUNNING, limit));
    }

    /** The operations that ended last, newest first, at most {@code limit}. */
    List<ActivityItem> latest(int limit) {
        return Sql.call("reading the latest operations", () -> query(LATEST, limit, limit, limit, limit, limit,
                limit, limit));
    }

    private List<ActivityItem> query(String sql, int... limits) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < limits.length; i++) {
                ps.setInt(i + 1, limits[i]);
            }
            List<ActivityItem> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new ActivityItem(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                            (Long) rs.getObject(8), (Long) rs.getObject(9), (Long) rs.getObject(10)));
                }
            }
            return items;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
