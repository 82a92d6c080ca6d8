package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.probe.ProbeConnections;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.probe.ProbeSocket;
import io.scopecloud.control.rpc.Completions;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Runs a call on a connection this instance holds, for at most the timeout. */
public final class LocalControls {
    private final ProbeConnections connections;

    public LocalControls(ProbeConnections connections) {
        this.connections = requireNonNull(connections, "connections is null");
    }

    public boolean holds(ProbeKey key) {
        return connections.local(key).isPresent();
    }

    /** The probe's answer, waited for on this thread; throws {@link ControlFailure} as {@link #callAsync} fails. */
    public JsonNode call(ProbeKey key, ControlRequest request, Duration timeout) {
        CompletableFuture<JsonNode> answer = callAsync(key, request, timeout);
        try {
            return answer.get(); // bounded: callAsync fails it after the timeout
        } catch (ExecutionException e) {
            throw failure(key, Completions.cause(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlFailure(Outcome.UNAVAILABLE, "interrupted while waiting for probe " + key.probeId());
        }
    }

    /**
     * The probe's answer, without waiting: the future completes on the thread that reads the probe's answer (or on
     * the timer's, failed, after {@code timeout}, the call then abandoned), so no thread is parked for the call.
     */
    public CompletableFuture<JsonNode> callAsync(ProbeKey key, ControlRequest request, Duration timeout) {
        Optional<ProbeSocket> held = connections.local(key);
        if (held.isEmpty()) {
            return CompletableFuture.failedFuture(ControlFailure.notConnected(key.probeId()));
        }
        ProbeSocket socket = held.get();
        ProbeSocket.Call call = socket.call(request);
        return call.answer()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((answer, error) -> {
                    if (error == null) {
                        return answer;
                    }
                    Throwable cause = Completions.cause(error);
                    if (cause instanceof TimeoutException) {
                        socket.abandon(call.seq());
                        throw timedOut(key, request, timeout);
                    }
                    throw failure(key, cause);
                });
    }

    private static ControlFailure timedOut(ProbeKey key, ControlRequest request, Duration timeout) {
        return new ControlFailure(
                Outcome.TIMEOUT,
                "probe " + key.probeId() + " did not answer control " + request.control() + " within "
                        + seconds(timeout));
    }

    private static ControlFailure failure(ProbeKey key, @Nullable Throwable cause) {
        return cause instanceof ControlFailure failure ? failure : ControlFailure.disconnected(key.probeId());
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
