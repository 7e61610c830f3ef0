package io.goldbackup.offsite;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * The copies' state ({@code offsite_copies}) through Panache, each call in a transaction of its own unless the caller
 * has one: copies run on worker threads with no request scope.
 */
@ApplicationScoped
class OffsiteCopyRepository implements PanacheRepositoryBase<OffsiteCopy, Long> {

    /** The copies of one backup, by target. */
    List<OffsiteCopy> ofBackup(long backupId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> list("backupId", Sort.ascending("target"), backupId));
    }

    Optional<OffsiteCopy> of(long backupId, String target) {
        return QuarkusTransaction.joiningExisting().call(() -> find("backupId = :id and target = :target",
                Parameters.with("id", backupId).and("target", target)).firstResultOptional());
    }

    /** Copies due now: pending, or failed with a retry time passed and attempts left. */
    List<OffsiteCopy> due(Instant now, int maxAttempts, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> find(
                "(status = 'pending' or (status = 'failed' and attempts < :max)) and "
                        + "(nextAttemptAt is null or nextAttemptAt <= :now)",
                Sort.ascending("id"), Parameters.with("max", maxAttempts).and("now", now)).page(0, limit).list());
    }

    /** The newest completed copy per target of the newest completed backup, for the health indicator. */
    List<OffsiteCopy> completedOf(long backupId) {
        return QuarkusTransaction.joiningExisting().call(() -> list("backupId = :id and status = 'completed'",
                Parameters.with("id", backupId)));
    }

    /** Registers a pending copy unless the backup has one on the target; answers the row. */
    OffsiteCopy pending(long backupId, java.util.UUID uuid, String type, String target, Instant expiresAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<OffsiteCopy> existing = find("backupId = :id and target = :target",
                    Parameters.with("id", backupId).and("target", target)).firstResultOptional();
            if (existing.isPresent()) {
                return existing.get();
            }
            OffsiteCopy copy = new OffsiteCopy();
            copy.backupId = backupId;
            copy.backupUuid = uuid;
            copy.backupType = type;
            copy.target = target;
            copy.status = "pending";
            copy.expiresAt = expiresAt;
            persist(copy);
            return copy;
        });
    }

    /** Writes the row's state as it stands now. */
    void save(OffsiteCopy copy) {
        QuarkusTransaction.requiringNew().run(() -> getEntityManager().merge(copy));
    }

    /**
     * Marks failed, to be tried again now, the copies left {@code running} whose session is gone (its advisory lock is
     * free). Native: the lock test is SQL.
     */
    List<Long> failInterrupted(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = getEntityManager().createNativeQuery("""
                    UPDATE offsite_copies
                    SET status = 'failed', finished_at = now(), next_attempt_at = :now,
                        error = 'interrupted: the instance writing this copy stopped or lost its database session'
                    WHERE status = 'running' AND %s
                    RETURNING id
                    """.formatted(io.goldbackup.db.AdvisoryLock.OFFSITE_COPY.tryInTransactionSql("id")))
                    .setParameter("now", now).getResultList();
            return ids.stream().map(Number::longValue).toList();
        });
    }

    /** Bytes stored on {@code target} by the completed copies. */
    long storedBytes(String target) {
        return QuarkusTransaction.joiningExisting().call(() -> getEntityManager().createQuery(
                "select coalesce(sum(c.storedBytes), 0) from OffsiteCopy c where c.target = :t and c.status = 'completed'",
                Long.class).setParameter("t", target).getSingleResult());
    }

    /** When the last copy to {@code target} completed. */
    Optional<Instant> lastSuccess(String target) {
        return QuarkusTransaction.joiningExisting().call(() -> find("target = ?1 and status = 'completed'",
                Sort.descending("finishedAt"), target).firstResultOptional().map(c -> c.finishedAt));
    }

    /**
     * The completed copies on {@code target} whose retention ended before {@code now}, oldest first, except the
     * newest completed copy on the target (always kept).
     */
    List<OffsiteCopy> expired(String target, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<OffsiteCopy> newest = find("target = ?1 and status = 'completed'",
                    Sort.descending("finishedAt", "id"), target).firstResultOptional();
            return list("target = :target and status = 'completed' and expiresAt <= :now and id <> :newest",
                    Sort.ascending("expiresAt", "id"), Parameters.with("target", target).and("now", now)
                            .and("newest", newest.map(c -> c.id).orElse(-1L)));
        });
    }
}
