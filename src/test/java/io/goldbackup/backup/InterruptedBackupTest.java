package io.goldbackup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.testsupport.Db;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class InterruptedBackupTest {

    @Inject
    Db db;

    @Inject
    BackupService service;

    @BeforeEach
    void reset() {
        db.reset();
    }

    private long insertRunning(String name) {
        return ((Number) db.single("""
                INSERT INTO gold_backups (backup_timestamp, backup_name, backup_type, triggered_by, status,
                                          snapshot_version, system_version, expires_at)
                VALUES (now(), ?, 'manual', 'crashed-replica', 'running', 1, 'test', now() + interval '30 days')
                RETURNING id
                """, name)).longValue();
    }

    @Test
    void aBackupLeftRunningByACrashIsMarkedFailedAtStart() {
        long orphan = insertRunning("orphan");
        assertEquals(1, service.failInterrupted());
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE id = ?", orphan));
        assertEquals("interrupted: the service stopped while this backup was being taken",
                db.single("SELECT error FROM gold_backups WHERE id = ?", orphan));
    }

    @Test
    void aBackupStillRunningOnAnotherReplicaIsLeftAlone() throws Exception {
        long alive = insertRunning("alive elsewhere");
        // Another replica's session holds the backup's lock for as long as it runs.
        try (Connection other = db.dataSource().getConnection();
                PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, AdvisoryLock.BACKUP.namespace());
            lock.setInt(2, (int) alive);
            lock.execute();
            assertEquals(0, service.failInterrupted());
            assertEquals("running", db.single("SELECT status FROM gold_backups WHERE id = ?", alive));
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, AdvisoryLock.BACKUP.namespace());
                unlock.setInt(2, (int) alive);
                unlock.execute();
            }
        }
        assertEquals(1, service.failInterrupted());
        assertEquals("failed", db.single("SELECT status FROM gold_backups WHERE id = ?", alive));
    }
}
