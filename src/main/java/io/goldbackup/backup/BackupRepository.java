package io.goldbackup.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Backup metadata ({@code gold_backups}) through Panache, each call in a transaction of its own unless the caller
 * has one (callers include scheduler threads with no request scope): the list, the page, one backup, the day's scheduled
 * backup, and marking a backup failed. The writes that must share a snapshot's own transaction are in
 * {@link BackupLifecycleRepository}.
 */
@ApplicationScoped
public class BackupRepository implements PanacheRepositoryBase<Backup, Long> {

    /** Newest first, optionally of one type and one status. */
    List<Backup> list(int limit, Optional<BackupType> type, Optional<BackupStatus> status) {
        BackupFilter filter = BackupFilter.of(type, status);
        return QuarkusTransaction.joiningExisting().call(() -> find(filter.query(),
                Sort.descending("backupTimestamp", "id"), filter.params()).page(Page.ofSize(limit)).list());
    }

    /**
     * One page of the metadata, sorted by {@code sort} (ties by id) and filtered by {@code search}, with the count
     * of all matching rows: offset paging over {@code gold_backups}, which holds a few hundred rows at most.
     */
    Paged listPage(BackupSearch search, BackupSort sort, boolean ascending, int pageIndex, int size) {
        BackupFilter filter = BackupFilter.of(search);
        Sort.Direction direction = ascending ? Sort.Direction.Ascending : Sort.Direction.Descending;
        return QuarkusTransaction.joiningExisting().call(() -> {
            var found = find(filter.query(), Sort.by(sort.property(), direction, Sort.NullPrecedence.NULLS_LAST)
                    .and("id", direction), filter.params());
            return new Paged(found.page(Page.of(pageIndex, size)).list(), found.count());
        });
    }

    /** A page of backups and the count of all that match. */
    record Paged(List<Backup> rows, long total) {
    }

    /** The newest completed backups that count as backups (no safety snapshots), newest first. */
    List<Backup> newestCounted(int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> find("status = 'completed' and purpose = 'backup'",
                Sort.descending("backupTimestamp", "id")).page(Page.ofSize(limit)).list());
    }

    /** The oldest completed backup that counts as a backup (no safety snapshot), if any. */
    Optional<Backup> oldestCounted() {
        return QuarkusTransaction.joiningExisting().call(() -> find("status = 'completed' and purpose = 'backup'",
                Sort.ascending("backupTimestamp", "id")).firstResultOptional());
    }

    /** The backup with the globally unique id {@code uuid}, if this database has it. */
    Optional<Backup> byUuid(java.util.UUID uuid) {
        return QuarkusTransaction.joiningExisting().call(() -> find("uuid", uuid).firstResultOptional());
    }

    /** Completed backups that count as backups, of the given types, newest first: what off-site copies cover. */
    List<Backup> completedOfTypes(List<String> types) {
        return QuarkusTransaction.joiningExisting().call(() -> list(
                "status = 'completed' and purpose = 'backup' and backupType in :types",
                Sort.descending("backupTimestamp", "id"), Parameters.with("types", types)));
    }

    /** The newest completed backup (no safety snapshot) of the given types, if any. */
    Optional<Backup> newestOfTypes(List<String> types) {
        return QuarkusTransaction.joiningExisting().call(() -> find(
                "status = 'completed' and purpose = 'backup' and backupType in :types",
                Sort.descending("backupTimestamp", "id"), Parameters.with("types", types)).firstResultOptional());
    }

    /** Which of {@code uuids} this database has. */
    List<java.util.UUID> knownUuids(java.util.Collection<java.util.UUID> uuids) {
        if (uuids.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> getEntityManager()
                .createQuery("select b.uuid from Backup b where b.uuid in :uuids", java.util.UUID.class)
                .setParameter("uuids", uuids).getResultList());
    }

    /** The backup with {@code id}, if it exists. */
    Optional<Backup> byId(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> findByIdOptional(id));
    }

    /** The UTC day's auto_daily backup that did not fail, if any. */
    Optional<Long> dailyBackupOf(LocalDate day) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return QuarkusTransaction.joiningExisting().call(() -> find(
                "backupType = 'auto_daily' and status <> 'failed' and backupTimestamp >= :from and backupTimestamp < :to",
                Parameters.with("from", from).and("to", from.plusSeconds(86_400))).firstResultOptional()
                .map(b -> b.id));
    }

    /** Backups that count against the storage limit: all but the failed ones. */
    long countNotFailed() {
        return QuarkusTransaction.joiningExisting().call(() -> count("status <> 'failed'"));
    }

    /**
     * Marks a running backup failed, with a reason fit for operators; false when it was no longer running. A mark
     * written late (kept while the database was out) replaces the generic reason recovery gave meanwhile.
     */
    boolean markFailed(long id, String error, long durationMs) {
        return QuarkusTransaction.requiringNew().call(() -> update(
                "status = 'failed', error = :error, durationMs = :ms, completedAt = current_timestamp "
                        + "where id = :id and (status = 'running' or (status = 'failed' and error like 'interrupted:%'))",
                Parameters.with("error", error).and("ms", durationMs).and("id", id))) == 1;
    }
}
