package io.scopecloud.control.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.audit.AuditEntry;
import io.scopecloud.control.audit.AuditLog;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.routing.ControlRouter;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import io.scopecloud.tenancy.access.OrgCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
        Instant at = clock.instant();
        long started = System.nanoTime();
        Outcome outcome = Outcome.OK;
        String error = null;
        try {
            policy.check(caller, control);
            ProbeKey key = new ProbeKey(caller.scope().id(), probeId);
            JsonNode answer = router.call(key, ControlRequest.of(nodeId, control, args), timeout);
            String failed = text(answer, "error");
            if (!failed.isEmpty()) {
                throw new ControlFailure(Outcome.FAILED, failed);
            }
            String pipe = text(answer, "pipe");
            if (!pipe.isEmpty()) {
                pipes.opened(key.orgId(), pipe, policy.requiredRole(control));
            }
            return answer;
        } catch (ControlFailure failure) {
            outcome = failure.outcome();
            error = failure.getMessage();
            throw failure;
        } finally {
            long nanos = System.nanoTime() - started;
            observer.called(outcome, nanos);
            long ms = nanos / 1_000_000;
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
                    ms));
        }
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }
}
