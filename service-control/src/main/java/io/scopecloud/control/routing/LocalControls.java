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
            throw new ControlFailure(
                    Outcome.TIMEOUT,
                    "probe " + key.probeId() + " did not answer control " + request.control() + " within "
                            + seconds(timeout));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ControlFailure failure) {
                throw failure;
            }
            throw ControlFailure.disconnected(key.probeId());
        } catch (InterruptedException e) {
            socket.abandon(call.seq());
            Thread.currentThread().interrupt();
            throw new ControlFailure(Outcome.UNAVAILABLE, "interrupted while waiting for probe " + key.probeId());
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
