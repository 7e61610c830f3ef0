package io.goldbackup.drill;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DbSession;

/** What recovery does for restore drills whose instance is gone: their runs marked failed, their leftovers dropped. */
@ApplicationScoped
public class DrillRecovery {

    private final DrillRepository drills;
    private final ScratchRepository scratch;
    private final DrillMetrics metrics;
    private final Database database;

    DrillRecovery(DrillRepository drills, ScratchRepository scratch, DrillMetrics metrics, Database database) {
        this.drills = drills;
        this.scratch = scratch;
        this.metrics = metrics;
        this.database = database;
    }

    /**
     * Marks failed the drills whose instance is gone (their lock is free): for recovery, at start and on its interval.
     *
     * @return their ids
     */
    public List<Long> failInterrupted() {
        List<Long> ids = drills.failInterrupted();
        ids.forEach(id -> metrics.interrupted());
        return ids;
    }

    /**
     * Drops scratch tables that a drill whose lock is free left committed. A drill's tables live in a transaction that
     * is rolled back, so there are none in normal operation; this is the second line of defence (for recovery).
     *
     * @return the drills whose tables were dropped
     */
    public List<Long> dropLeftovers() {
        List<Long> dropped = new ArrayList<>();
        for (long id : scratch.withScratchTables()) {
            try (DbSession session = database.openForLock()) {
                if (!session.tryLock(AdvisoryLock.DRILL, id)) {
                    continue;
                }
                try {
                    scratch.drop(session, new Scratch(id));
                    dropped.add(id);
                } finally {
                    session.unlockQuietly(AdvisoryLock.DRILL, id);
                }
            }
        }
        return dropped;
    }

}
