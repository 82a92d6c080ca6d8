package io.scopecloud.control.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.audit.AuditEntry;
import io.scopecloud.control.audit.AuditLog;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.routing.ControlRouter;
import io.scopecloud.control.rpc.Completions;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import io.scopecloud.tenancy.access.OrgCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Runs one control for a UI caller: checks the caller's role, routes the call to the probe, turns
 * an answer that carries an {@code error} into a failure (Scope answers those with 400), notes any
 * pipe the answer opened, and writes the audit log entry whatever happened.
 */
public final class ControlService {
    /** Told the outcome and duration of every control call, as the audit log is. */
    @FunctionalInterface
    public interface CallObserver {
        void called(Outcome outcome, long nanos);
    }

    private static final Executor PIPE_CLAIMS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "control-pipe-claims");
        thread.setDaemon(true);
        return thread;
    });

    private final ControlPolicy policy;
    private final ControlRouter router;
    private final AuditLog audit;
    private final PipeOpened pipes;
    private final Clock clock;
    private final Duration timeout;
    private final CallObserver observer;

    public ControlService(
            ControlPolicy policy,
            ControlRouter router,
            AuditLog audit,
            PipeOpened pipes,
            Clock clock,
            Duration timeout,
            CallObserver observer) {
        this.policy = requireNonNull(policy, "policy is null");
        this.router = requireNonNull(router, "router is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.pipes = requireNonNull(pipes, "pipes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.observer = requireNonNull(observer, "observer is null");
    }

    /** The probe's answer, passed through unchanged; throws {@link ControlFailure} otherwise. */
    public JsonNode invoke(
            OrgCaller caller, String probeId, String nodeId, String control, @Nullable Map<String, String> args) {
        Call call = new Call(caller, probeId, nodeId, control, args);
        try {
            policy.check(caller, control);
            JsonNode answer = call.checked(router.call(call.key, call.request, timeout));
            call.finished(null);
            return answer;
        } catch (RuntimeException e) {
            call.finished(e);
            throw e;
        }
    }

    /**
     * As {@link #invoke} for a probe connected to this instance, without parking the caller's thread: the future
     * completes when the probe answers (failed with a {@link ControlFailure} as {@code invoke} throws one). Empty when
     * the probe is not connected here: {@code invoke} finds where it is.
     */
    public Optional<CompletableFuture<JsonNode>> invokeIfLocal(
            OrgCaller caller, String probeId, String nodeId, String control, @Nullable Map<String, String> args) {
        if (!router.holdsLocally(new ProbeKey(caller.scope().id(), probeId))) {
            return Optional.empty();
        }
        Call call = new Call(caller, probeId, nodeId, control, args);
        try {
            policy.check(caller, control);
        } catch (ControlFailure failure) {
            call.finished(failure);
            throw failure;
        }
        return Optional.of(router.callLocal(call.key, call.request, timeout)
                .thenCompose(answer -> text(answer, "pipe").isEmpty()
                        ? CompletableFuture.completedFuture(call.checked(answer))
                        // noting a pipe writes to PostgreSQL: not on the thread that reads the probe's connection
                        : CompletableFuture.supplyAsync(() -> call.checked(answer), PIPE_CLAIMS))
                .whenComplete((answer, thrown) -> call.finished(thrown)));
    }

    /** One call: what it asks, when it started, and what is recorded when it ends. */
    private final class Call {
        private final OrgCaller caller;
        private final String probeId;
        private final String nodeId;
        private final String control;
        private final @Nullable Map<String, String> args;
        private final ProbeKey key;
        private final ControlRequest request;
        private final Instant at = clock.instant();
        private final long started = System.nanoTime();

        Call(OrgCaller caller, String probeId, String nodeId, String control, @Nullable Map<String, String> args) {
            this.caller = caller;
            this.probeId = probeId;
            this.nodeId = nodeId;
            this.control = control;
            this.args = args;
            this.key = new ProbeKey(caller.scope().id(), probeId);
            this.request = ControlRequest.of(nodeId, control, args);
        }

        /** The answer, unless it carries an error (a failure); notes the pipe it opened. */
        JsonNode checked(JsonNode answer) {
            String failed = text(answer, "error");
            if (!failed.isEmpty()) {
                throw new ControlFailure(Outcome.FAILED, failed);
            }
            String pipe = text(answer, "pipe");
            if (!pipe.isEmpty()) {
                pipes.opened(key.orgId(), pipe, policy.requiredRole(control));
            }
            return answer;
        }

        /**
         * Records the outcome: ok without {@code thrown}, the failure's, or, for an error that is not a control's
         * (a bug, a database write that failed), {@code unavailable} with what it was: never ok for an answer that
         * was not the probe's.
         */
        void finished(@Nullable Throwable thrown) {
            Throwable cause = Completions.cause(thrown);
            Outcome outcome = Outcome.OK;
            String error = null;
            if (cause instanceof ControlFailure failure) {
                outcome = failure.outcome();
                error = failure.getMessage();
            } else if (cause != null) {
                outcome = Outcome.UNAVAILABLE;
                error = "the control service failed: " + cause;
            }
            long nanos = System.nanoTime() - started;
            observer.called(outcome, nanos);
            audit.record(new AuditEntry(
                    caller.scope().id(),
                    at,
                    caller.actor(),
                    caller.userId(),
                    probeId,
                    nodeId,
                    control,
                    args,
                    outcome,
                    error,
                    nanos / 1_000_000));
        }
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }
}
