package io.scopecloud.control.rpc;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.WebApplicationException;

/**
 * A control invocation that did not produce an answer, or produced an error. It is a
 * {@link WebApplicationException}, so Dropwizard answers it as {@code {"code":…,"message":…}} with
 * the outcome's status; the messages are Weave Scope's where Scope has one.
 */
public final class ControlFailure extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    private final Outcome outcome;

    public ControlFailure(Outcome outcome, String message) {
        super(
                requireNonNull(message, "message is null"),
                requireNonNull(outcome, "outcome is null").status());
        if (outcome == Outcome.OK) {
            throw new IllegalArgumentException("a failure cannot be OK");
        }
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    public static ControlFailure notConnected(String probeId) {
        return new ControlFailure(Outcome.NOT_CONNECTED, "probe " + probeId + " is not connected right now");
    }

    public static ControlFailure disconnected(String probeId) {
        return new ControlFailure(
                Outcome.DISCONNECTED, "probe " + probeId + " disconnected before answering; try again once it is back");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // expected outcomes, not bugs: keep them cheap and the logs short
    }
}
