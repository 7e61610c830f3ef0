package io.goldbackup.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.goldbackup.audit.AuditEntry;
import io.goldbackup.audit.AuditTrail;
import io.goldbackup.web.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one path every change takes, whoever asks for it (the API, the console, a scheduled or one-shot job): the
 * shutdown gate (a stopping instance starts nothing, and waits for what runs), an operation id shared by the log
 * lines (MDC {@value #OPERATION_ID}), the run records and the audit event, the outcome ({@code succeeded},
 * {@code refused} for a {@link Refusal}, else {@code failed}), its duration, and the metric
 * {@code gold_operation_duration_seconds{action,outcome}}.
 * <p>
 * An operation started inside another on the same thread (the daily job's backup, the weekly job's cleanup) joins
 * the outer one: one audit event, one id, as the caller sees one operation.
 */
@ApplicationScoped
public class OperationRunner {

    /** The log context key of the operation id. */
    public static final String OPERATION_ID = "operationId";

    private static final ThreadLocal<Operation> CURRENT = new ThreadLocal<>();

    private final ShutdownGuard shutdown;
    private final AuditTrail audit;
    private final MeterRegistry registry;

    OperationRunner(ShutdownGuard shutdown, AuditTrail audit, MeterRegistry registry) {
        this.shutdown = shutdown;
        this.audit = audit;
        this.registry = registry;
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
            finish(operation, operationId, started, "succeeded", null);
            return result;
        } catch (RuntimeException | Error e) {
            finish(operation, operationId, started, e instanceof Refusal ? "refused" : "failed", e.getMessage());
            throw e;
        } finally {
            MDC.remove(OPERATION_ID);
            CURRENT.remove();
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

    /** The id of the operation running on this thread, or null: shared by its log lines, audit event and runs. */
    public static String currentId() {
        Object id = MDC.get(OPERATION_ID);
        return id == null ? null : id.toString();
    }

    /**
     * The operation running on this thread, if any: who asked for it and what it is, for a record made inside it (a
     * backup a verification marks corrupt is audited with whoever verified it).
     */
    public static java.util.Optional<Operation> current() {
        return java.util.Optional.ofNullable(CURRENT.get());
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
