package io.goldbackup.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.goldbackup.backup.BackupNotCompletedException;
import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.db.AdvisoryLock;
import io.goldbackup.db.Database;
import io.goldbackup.db.DatabaseException;
import io.goldbackup.db.DbSession;
import io.goldbackup.db.DurableWrites;
import io.goldbackup.db.Unavailability;
import io.goldbackup.drill.ScratchRestore.Outcome;
import io.goldbackup.drill.ScratchRestore.Plan;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.operation.Operation;
import io.goldbackup.operation.OperationRunner;
import io.goldbackup.operation.ShutdownGuard;
import io.goldbackup.operation.Started;
import io.goldbackup.security.Actor;
import io.goldbackup.security.NotPermittedException;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.OperationInterruptedException;
import io.quarkus.logging.Log;

/**
 * Restore drills as operations: on request ({@code drill.run}), on the schedule (inside the job's operation), and
 * their recovery. A drill is registered {@code running} with its lock before any work (so it can be watched, and
 * answered 202 with its Location once asynchronous answers exist), restores the backup into scratch tables on its own
 * session ({@link ScratchRestore}), and records its verdict. Drills never touch the game's tables.
 */
@ApplicationScoped
public class DrillService {

    private final OperationRunner operations;
    private final ScratchRestore restore;
    private final DrillRepository drills;
    private final DrillLog log;
    private final DrillMetrics metrics;
    private final BackupQueries backups;
    private final OffsiteService offsite;
    private final Database database;
    private final DurableWrites durable;
    private final ShutdownGuard shutdown;
    private final Clock clock;

    DrillService(OperationRunner operations, ScratchRestore restore, DrillRepository drills, DrillLog log,
            DrillMetrics metrics, BackupQueries backups, OffsiteService offsite, Database database,
            DurableWrites durable, ShutdownGuard shutdown, Clock clock) {
        this.operations = operations;
        this.restore = restore;
        this.drills = drills;
        this.log = log;
        this.metrics = metrics;
        this.backups = backups;
        this.offsite = offsite;
        this.database = database;
        this.durable = durable;
        this.shutdown = shutdown;
        this.clock = clock;
    }

    /**
     * Runs a drill now and answers it when it has ended, passed or failed (a failed drill is its finding, not an error
     * of the request; its audit event says {@code failed} with the reason).
     *
     * @throws InvalidInputException naming {@code source} or {@code target}
     * @throws io.goldbackup.backup.BackupNotFoundException when {@code backupId} names no backup
     * @throws BackupNotCompletedException when the backup is not completed
     * @throws NoBackupToDrillException when no backup is named and none is completed
     */
    public Drill run(DrillRequest request, Actor actor) {
        DrillRequest r = request == null ? DrillRequest.defaults() : request;
        try {
            return operations.run(operation(r, actor), () -> {
                NotPermittedException.require(actor, Roles.OPERATOR, "a restore drill");
                Drill drill = execute(plan(r), actor, null, null);
                if (!drill.passed()) {
                    throw new DrillFailedException(drill);
                }
                return drill;
            });
        } catch (DrillFailedException e) {
            return e.drill();
        }
    }

    /**
     * {@link #run} in the background: answers the drill once it is registered ({@code running}, its lock held); the
     * rules and the choice of backup (400, 404, 409) are answered from this call. A failed drill ends its operation
     * {@code failed}, as the synchronous one's does.
     */
    public Drill start(DrillRequest request, Actor actor) {
        DrillRequest r = request == null ? DrillRequest.defaults() : request;
        return operations.start(operation(r, actor), () -> {
            NotPermittedException.require(actor, Roles.OPERATOR, "a restore drill");
            Registered registered = register(plan(r), actor, null, null);
            return new Started<>(log.drill(registered.id), () -> {
                Drill drill = registered.run();
                if (!drill.passed()) {
                    throw new DrillFailedException(drill);
                }
            });
        });
    }

    private static Operation operation(DrillRequest r, Actor actor) {
        return Operation.of(actor, "drill.run", "drills", "backupId", r.backupId(), "source", r.source(), "target",
                r.target());
    }

    /**
     * The scheduled drills of the UTC day {@code slot}, inside the caller's job operation: the newest completed backup,
     * and the oldest one still kept when the schedule has not drilled an oldest backup in the slot's month. Each runs
     * once per slot across replicas (the slot's lock, then its unique index); a slot already drilled answers its
     * drills as they ended, so a retried job reports the same verdicts.
     *
     * @param wait how long to wait for another replica running the slot
     */
    public ScheduledDrills scheduled(Actor actor, LocalDate slot, Duration wait) {
        long key = slot.toEpochDay();
        try (DbSession lock = database.openForLock()) {
            if (!lock.tryLock(AdvisoryLock.DRILL_SCHEDULE, key) && !lock.awaitLock(AdvisoryLock.DRILL_SCHEDULE, key,
                    wait)) {
                throw new IllegalStateException("the drills of " + slot + " did not end on another replica within "
                        + wait);
            }
            try {
                List<Drill> ran = new ArrayList<>();
                // A slot's drill that already ran answers as it ended, whatever became of its backup since (a failed
                // drill may have marked it corrupt): a retry reports the same verdict.
                Optional<Drill> newestOfSlot = ofSlot(slot, ScheduledDrills.NEWEST);
                Optional<BackupSummary> newest = newest();
                if (newestOfSlot.isPresent()) {
                    ran.add(newestOfSlot.get());
                } else if (newest.isEmpty()) {
                    Log.infof("Scheduled drill of %s: no completed backup to drill", slot);
                    return new ScheduledDrills(slot, ran);
                } else {
                    ran.add(scheduledDrill(newest.get(), actor, slot, ScheduledDrills.NEWEST));
                }
                Optional<Drill> oldestOfSlot = ofSlot(slot, ScheduledDrills.OLDEST);
                if (oldestOfSlot.isPresent()) {
                    ran.add(oldestOfSlot.get());
                } else if (!drills.oldestDrilledInMonthOf(slot)) {
                    long drilled = ran.get(0).backupId();
                    backups.oldestCounted().filter(oldest -> oldest.id() != drilled)
                            .ifPresent(oldest -> ran.add(scheduledDrill(oldest, actor, slot, ScheduledDrills.OLDEST)));
                }
                return new ScheduledDrills(slot, ran);
            } finally {
                lock.unlockQuietly(AdvisoryLock.DRILL_SCHEDULE, key);
            }
        }
    }

    /** The drill log, newest first. */
    public List<Drill> list(int limit, Long before) {
        return log.list(limit, before);
    }

    /** One drill. */
    public Drill drill(long id) {
        return log.drill(id);
    }

    private Drill scheduledDrill(BackupSummary backup, Actor actor, LocalDate slot, String kind) {
        Optional<Drill> done = ofSlot(slot, kind);
        if (done.isPresent()) {
            return done.get();
        }
        try {
            return execute(new Plan(backup, Drill.DATABASE, null), actor, slot, kind);
        } catch (DatabaseException e) {
            if (e.uniqueViolation()) {
                // Another replica registered it between our look and our insert (its lock was lost): its drill counts.
                return ofSlot(slot, kind).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<Drill> ofSlot(LocalDate slot, String kind) {
        return drills.ofSlot(slot).stream().filter(r -> kind.equals(r.scheduledAs)).findFirst().map(log::view);
    }

    private Plan plan(DrillRequest r) {
        String source = r.source() == null ? Drill.DATABASE : r.source();
        if (!Drill.DATABASE.equals(source) && !Drill.OFFSITE.equals(source)) {
            throw new InvalidInputException("source", "must be database or offsite");
        }
        if (Drill.OFFSITE.equals(source)) {
            if (r.target() == null || r.target().isBlank()) {
                throw new InvalidInputException("target", "is required when source is offsite");
            }
            if (!offsite.targets().contains(r.target())) {
                throw new InvalidInputException("target", offsite.targets().isEmpty()
                        ? "names no off-site target: none is configured"
                        : "must be one of the configured off-site targets: "
                                + String.join(", ", new TreeSet<>(offsite.targets())));
            }
        } else if (r.target() != null) {
            throw new InvalidInputException("target", "applies only to source offsite");
        }
        BackupSummary backup = r.backupId() == null
                ? newest().orElseThrow(NoBackupToDrillException::new)
                : backups.summary(r.backupId());
        if (backup.status() != BackupStatus.COMPLETED) {
            throw new BackupNotCompletedException(backup.id(), backup.status().wire());
        }
        return new Plan(backup, source, Drill.OFFSITE.equals(source) ? r.target() : null);
    }

    private Optional<BackupSummary> newest() {
        return backups.newestOfTypes(Arrays.asList(BackupType.values()));
    }

    /** Registers the drill and runs it on this thread. */
    private Drill execute(Plan plan, Actor actor, LocalDate slot, String kind) {
        return register(plan, actor, slot, kind).run();
    }

    /** Registers the drill: {@code running}, its lock held by a session of its own, not yet run. */
    private Registered register(Plan plan, Actor actor, LocalDate slot, String kind) {
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DbSession session = database.open();
        try {
            long id = drills.register(session, new DrillRepository.NewDrill(plan.backup().id(), plan.backup().uuid(),
                    plan.source(), plan.target(), startedAt, actor.subject(), actor.name(), slot, kind));
            return new Registered(session, id, plan, startedAt);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * A registered drill. {@link #run()}, once, on this thread or another, lets a stop cancel its statements, runs it
     * and records how it ended. A failure of the database's reachability or a stop is recorded (durably) and rethrown
     * (503); any other failure of the work is the drill's finding.
     */
    private final class Registered {

        private final DbSession session;
        private final long id;
        private final Plan plan;
        private final Instant startedAt;

        Registered(DbSession session, long id, Plan plan, Instant startedAt) {
            this.session = session;
            this.id = id;
            this.plan = plan;
            this.startedAt = startedAt;
        }

        Drill run() {
            try (session) {
                String name = "drill " + id;
                Log.infof("Drill %d: backup %d from %s%s", id, plan.backup().id(), plan.source(),
                        plan.target() == null ? "" : " (" + plan.target() + ")");
                try {
                    shutdown.cancelOnStop(name, session);
                    Outcome outcome;
                    try {
                        outcome = restore.perform(session, id, plan, startedAt);
                    } catch (DatabaseException e) {
                        if (Unavailability.isUnavailable(e) || shutdown.cancelling()) {
                            throw e;
                        }
                        outcome = new Outcome(List.of(), null, null, "the restore into the scratch tables failed: "
                                + e.reason());
                    }
                    finish(id, outcome);
                } catch (RuntimeException e) {
                    throw failed(id, e);
                } finally {
                    shutdown.noLongerCancellable(name);
                    session.unlockQuietly(AdvisoryLock.DRILL, id);
                }
            }
            Drill drill = log.drill(id);
            metrics.ended(drill);
            Log.infof("Drill %d of backup %d %s in %s ms (recovery)", id, drill.backupId(), drill.status(),
                    drill.durationMs());
            return drill;
        }
    }

    private void finish(long id, Outcome outcome) {
        String status = outcome.passed() ? Drill.PASSED : Drill.FAILED;
        String invariants = log.toJson(outcome.invariants());
        Instant finishedAt = clock.instant();
        durable.write("recording drill " + id, () -> drills.finish(id, status, outcome.durationMs(),
                outcome.walletCount(), invariants, outcome.error(), finishedAt));
    }

    /** Records a drill that could not run to its verdict, durably, and answers what the caller sees. */
    private RuntimeException failed(long id, RuntimeException cause) {
        Log.errorf(cause, "Drill %d failed", id);
        boolean stopping = shutdown.cancelling();
        String reason = cause instanceof DatabaseException db
                ? db.reason()
                : cause.getMessage() != null ? cause.getMessage() : "see the service log";
        Instant finishedAt = clock.instant();
        durable.write("recording drill " + id + " failed", () -> drills.finish(id, Drill.FAILED, null, null, "[]",
                stopping ? "cancelled, the service is stopping: " + reason : reason, finishedAt));
        metrics.interrupted();
        if (stopping) {
            return new OperationInterruptedException("Drill " + id + " was cancelled because this instance is "
                    + "stopping; its scratch tables were rolled back and it is recorded as failed. Ask again.");
        }
        return cause;
    }
}
