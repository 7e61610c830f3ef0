package io.goldbackup.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.goldbackup.audit.AuditEntry;
import io.goldbackup.audit.AuditTrail;
import io.goldbackup.web.OperationFailedException;
import io.goldbackup.web.OperationInterruptedException;
import io.goldbackup.web.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.logging.Log;

/**
 * The one path every change takes, whoever asks for it (the API, the console, a scheduled or one-shot job): the
 * shutdown gate (a stopping instance starts nothing, and waits for what runs), an operation id shared by the log
 * lines (MDC {@value #OPERATION_ID}), the run records and the audit event, the outcome ({@code succeeded},
 * {@code refused} for a {@link Refusal}, else {@code failed}), its duration, and the metric
 * {@code gold_operation_duration_seconds{action,outcome}}.
 * <p>
 * An operation started inside another on the same thread (the daily job's backup, the weekly job's cleanup) joins
 * the outer one: one audit event, one id, as the caller sees one operation.
 * <p>
 * {@link #start} runs an operation's first part on the caller's thread and the rest in the background (a request
 * with {@code Prefer: respond-async}): it is the same operation, with the caller's identity, one id and one audit
 * event written when the rest ends, and it counts as in flight for the shutdown until then.
 */
@ApplicationScoped
public class OperationRunner {

    /** The log context key of the operation id. */
    public static final String OPERATION_ID = "operationId";

    private static final ThreadLocal<Operation> CURRENT = new ThreadLocal<>();

    private final ShutdownGuard shutdown;
    private final AuditTrail audit;
    private final MeterRegistry registry;
    private final OperationThreads threads;

    OperationRunner(ShutdownGuard shutdown, AuditTrail audit, MeterRegistry registry, OperationThreads threads) {
        this.shutdown = shutdown;
        this.audit = audit;
        this.registry = registry;
        this.threads = threads;
    }

    /** Runs {@code work} as {@code operation} and answers its result; its exception is recorded and rethrown. */
    public <T> T run(Operation operation, Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        shutdown.enter();
        String operationId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        CURRENT.set(operation);
        MDC.put(OPERATION_ID, operationId);
        try {
            T result = work.get();
            finish(CURRENT.get(), operationId, started, "succeeded", null);
            return result;
        } catch (RuntimeException | Error e) {
            finish(CURRENT.get(), operationId, started, outcome(e), e.getMessage());
            throw e;
        } finally {
            MDC.remove(OPERATION_ID);
            CURRENT.remove();
            shutdown.exit();
        }
    }

    /**
     * Runs {@code begin} as the first part of {@code operation} on this thread and answers its value as soon as it
     * returns; its {@link Started#rest() rest} goes on in the background, on a thread of the service's own, as the same
     * operation (id, caller, audit event). A refusal or failure of the first part is thrown here, as {@link #run} would
     * (the caller answers it synchronously); one of the rest is recorded in the operation's run and audit event. The
     * audit event records {@code async: true} among the parameters.
     *
     * @throws IllegalStateException inside another operation: a background part cannot join it
     */
    public <T> T start(Operation requested, Supplier<Started<T>> begin) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("an operation cannot start another in the background");
        }
        Map<String, Object> parameters = new LinkedHashMap<>(requested.parameters());
        parameters.put("async", true);
        Operation begun = new Operation(requested.actor(), requested.action(), requested.target(), parameters);
        shutdown.enter();
        String operationId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        Started<T> first;
        CURRENT.set(begun);
        MDC.put(OPERATION_ID, operationId);
        try {
            first = begin.get();
        } catch (RuntimeException | Error e) {
            Operation failed = CURRENT.get();
            CURRENT.remove();
            finish(failed, operationId, started, outcome(e), e.getMessage());
            shutdown.exit();
            throw e;
        } finally {
            MDC.remove(OPERATION_ID);
        }
        // The first part may have named its target (a created backup's id).
        Operation operation = CURRENT.get();
        CURRENT.remove();
        if (first.rest() == null) {
            finish(operation, operationId, started, "succeeded", null);
            shutdown.exit();
            return first.value();
        }
        Runnable rest = () -> background(operation, operationId, started, first.rest());
        try {
            threads.execute(rest);
        } catch (RejectedExecutionException e) {
            // Only after the threads were closed at shutdown: the work still must run to release what it holds.
            Log.warnf("No background thread for %s; running it on the caller's thread", operation.action());
            rest.run();
        }
        return first.value();
    }

    /** The rest of a started operation, on a background thread: the operation's context, then its outcome. */
    private void background(Operation operation, String operationId, long started, Runnable rest) {
        // A request scope of its own: the caller's ended with its 202.
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        CURRENT.set(operation);
        MDC.put(OPERATION_ID, operationId);
        try {
            rest.run();
            finish(operation, operationId, started, "succeeded", null);
        } catch (RuntimeException | Error e) {
            String outcome = outcome(e);
            if ("refused".equals(outcome)) {
                Log.infof("%s on %s refused: %s", operation.action(), operation.target(), e.getMessage());
            } else if (e instanceof OperationFailedException || e instanceof OperationInterruptedException) {
                // The service logged the cause where it recorded the run as failed.
                Log.warnf("%s on %s failed: %s", operation.action(), operation.target(), e.getMessage());
            } else {
                Log.errorf(e, "%s on %s failed in the background", operation.action(), operation.target());
            }
            finish(operation, operationId, started, outcome, e.getMessage());
        } finally {
            MDC.remove(OPERATION_ID);
            CURRENT.remove();
            if (activated) {
                requestContext.terminate();
            }
            shutdown.exit();
        }
    }

    /** Runs {@code work} as {@code operation}. */
    public void run(Operation operation, Runnable work) {
        run(operation, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} on a thread of the service's own as part of the operation running on this thread (its caller
     * and id, for the log and for what it audits), beside what this thread goes on with: a restore's verification of
     * its backup while it reads the live rows. Whoever starts it waits for it before the operation ends.
     */
    public <T> CompletableFuture<T> beside(Supplier<T> work) {
        Operation operation = CURRENT.get();
        String operationId = currentId();
        CompletableFuture<T> result = new CompletableFuture<>();
        threads.execute(() -> {
            CURRENT.set(operation);
            if (operationId != null) {
                MDC.put(OPERATION_ID, operationId);
            }
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                MDC.remove(OPERATION_ID);
                CURRENT.remove();
            }
        });
        return result;
    }

    /** The id of the operation running on this thread, or null: shared by its log lines, audit event and runs. */
    public static String currentId() {
        Object id = MDC.get(OPERATION_ID);
        return id == null ? null : id.toString();
    }

    /**
     * The operation running on this thread, if any: who asked for it and what it is, for a record made inside it (a
     * backup a verification marks corrupt is audited with whoever verified it).
     */
    public static Optional<Operation> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Names what the running operation {@code action} acts on once it exists: a backup's create knows its id only
     * after registering its row, and its audit event names the created backup ({@code backup/42}), not the collection.
     * No effect outside that operation (a daily job that creates a backup keeps its own target).
     */
    public static void nameTarget(String action, String target) {
        Operation operation = CURRENT.get();
        if (operation != null && operation.action().equals(action)) {
            CURRENT.set(operation.withTarget(target));
        }
    }

    private static String outcome(Throwable e) {
        return e instanceof Refusal ? "refused" : "failed";
    }

    private void finish(Operation operation, String operationId, long started, String outcome, String detail) {
        long nanos = System.nanoTime() - started;
        Timer.builder("gold.operation.duration").description("How long operations took, by action and outcome")
                .tag("action", operation.action()).tag("outcome", outcome).register(registry)
                .record(Duration.ofNanos(nanos));
        audit.record(new AuditEntry(operation.actor(), operation.action(), operation.target(),
                operation.parameters(), outcome, nanos / 1_000_000, operationId, detail, Instant.now()));
    }
}
