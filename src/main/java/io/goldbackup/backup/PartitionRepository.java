package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.DbSession;
import io.goldbackup.db.Partitions;
import io.goldbackup.db.Sql;

/**
 * A backup's partition after its snapshot: where it stands, detaching and dropping it (a delete), attaching it again
 * (a delete cut off halfway). Native DDL: partitions are what Panache cannot express, and each step is chosen for the
 * locks it takes (DETACH ... CONCURRENTLY lets readers of the other backups go on).
 */
@ApplicationScoped
class PartitionRepository {

    /** Whether backup {@code id}'s partition exists, and whether it is attached. */
    PartitionState partitionState(DbSession session, long id) {
        return Sql.call("partition state", () -> {
            Connection c = session.connection();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT to_regclass(?) IS NOT NULL,
                           EXISTS (SELECT 1 FROM pg_inherits
                                   WHERE inhrelid = to_regclass(?) AND inhparent = 'gold_backup_wallets'::regclass),
                           coalesce((SELECT inhdetachpending FROM pg_inherits WHERE inhrelid = to_regclass(?)), false)
                    """)) {
                String name = Partitions.of(id);
                ps.setString(1, name);
                ps.setString(2, name);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return PartitionState.ABSENT;
                    }
                    if (rs.getBoolean(3)) {
                        return PartitionState.DETACH_PENDING;
                    }
                    return rs.getBoolean(2) ? PartitionState.ATTACHED : PartitionState.DETACHED;
                }
            }
        });
    }

    /**
     * Detaches backup {@code id}'s partition without blocking readers of the other backups. DETACH ... CONCURRENTLY
     * cannot run inside a transaction: {@code c} must be in auto-commit mode.
     */
    void detachConcurrently(DbSession session, long id, PartitionState state) {
        Sql.run("detach concurrently", () -> {
            Connection c = session.connection();
            try (Statement st = c.createStatement()) {
                if (state == PartitionState.ATTACHED) {
                    st.execute("ALTER TABLE gold_backup_wallets DETACH PARTITION %s CONCURRENTLY"
                            .formatted(Partitions.of(id)));
                } else if (state == PartitionState.DETACH_PENDING) {
                    st.execute("ALTER TABLE gold_backup_wallets DETACH PARTITION %s FINALIZE"
                            .formatted(Partitions.of(id)));
                }
            }
        });
    }

    /**
     * Attaches backup {@code id}'s partition again after an interrupted delete: a pending detach is finalized first
     * (PostgreSQL allows nothing else on it). Autocommit: DETACH ... FINALIZE cannot run inside a transaction.
     */
    void reattach(DbSession session, long id, PartitionState state) {
        Sql.run("attaching backup " + id + " again", () -> {
            try (Statement st = session.connection().createStatement()) {
                if (state == PartitionState.DETACH_PENDING) {
                    st.execute("ALTER TABLE gold_backup_wallets DETACH PARTITION %s FINALIZE"
                            .formatted(Partitions.of(id)));
                }
                if (state != PartitionState.ATTACHED) {
                    st.execute("ALTER TABLE gold_backup_wallets ATTACH PARTITION %s FOR VALUES IN (%d)"
                            .formatted(Partitions.of(id), id));
                }
            }
        });
    }

    /** Drops backup {@code id}'s detached table. */
    void drop(DbSession session, long id) {
        Sql.run("drop", () -> {
            Connection c = session.connection();
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + Partitions.of(id));
            }
        });
    }

    /** Where a backup's partition stands. */
    enum PartitionState {
        ABSENT, DETACHED, DETACH_PENDING, ATTACHED
    }
}
