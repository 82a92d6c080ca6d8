package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.probe.ProbeConnections;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.probe.ProbeSocket;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a call on a connection this instance holds, waiting at most the timeout. */
public final class LocalControls {
    private final ProbeConnections connections;

    public LocalControls(ProbeConnections connections) {
        this.connections = requireNonNull(connections, "connections is null");
    }

    public boolean holds(ProbeKey key) {
        return connections.local(key).isPresent();
    }

    public JsonNode call(ProbeKey key, ControlRequest request, Duration timeout) {
        ProbeSocket socket = connections.local(key).orElseThrow(() -> ControlFailure.notConnected(key.probeId()));
        ProbeSocket.Call call = socket.call(request);
        try {
            return call.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            socket.abandon(call.seq());
            throw timedOut(key, request, timeout);
        } catch (ExecutionException e) {
            throw failure(key, e.getCause());
        } catch (InterruptedException e) {
            socket.abandon(call.seq());
            Thread.currentThread().interrupt();
            throw new ControlFailure(Outcome.UNAVAILABLE, "interrupted while waiting for probe " + key.probeId());
        }
    }

    /**
     * As {@link #call}, without waiting: the future completes on the thread that reads the probe's answer (or on
     * the timer's, failed, after {@code timeout}), so no thread is parked for the call.
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
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
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

    private static ControlFailure failure(ProbeKey key, Throwable cause) {
        return cause instanceof ControlFailure failure ? failure : ControlFailure.disconnected(key.probeId());
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
