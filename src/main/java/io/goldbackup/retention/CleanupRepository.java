package io.goldbackup.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.Backup;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Which backups a cleanup removes, read from the backup metadata through Panache. */
@ApplicationScoped
class CleanupRepository implements PanacheRepositoryBase<Backup, Long> {

    /**
     * Every backup but the running ones and the {@code keepNewest} newest completed ones (safety snapshots do not
     * count: they must not protect themselves in place of real backups) that is due: taken before
     * {@code cutoff} when {@code byAge}, else expired ({@code expires_at} at or before {@code cutoff}). Oldest first.
     */
    List<CleanupReport.Candidate> candidates(boolean byAge, Instant cutoff, int keepNewest, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<Long> newest = find("status = 'completed' and purpose = 'backup'",
                    Sort.descending("backupTimestamp", "id"))
                    .page(Page.ofSize(Math.max(keepNewest, 1))).list().stream().limit(keepNewest).map(b -> b.id)
                    .toList();
            String due = byAge ? "backupTimestamp < :cutoff" : "expiresAt <= :cutoff";
            // A sentinel id instead of an empty list: "not in ()" is no valid SQL.
            return find("status <> 'running' and id not in :newest and " + due,
                    Sort.ascending("backupTimestamp", "id"),
                    Parameters.with("newest", newest.isEmpty() ? List.of(-1L) : newest).and("cutoff", cutoff))
                    .list().stream()
                    .map(b -> new CleanupReport.Candidate(b.id, b.backupName, b.backupType, b.status,
                            b.backupTimestamp, b.expiresAt, Duration.between(b.backupTimestamp, now).toDays(),
                            b.sizeBytes == null ? 0 : b.sizeBytes, b.totalUsersBackedUp))
                    .toList();
        });
    }
}
