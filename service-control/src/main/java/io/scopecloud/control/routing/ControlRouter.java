package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.probe.ProbeConnections;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.probe.ProbeLocation;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a control call to wherever the probe is connected: to the local connection when this
 * instance holds one (a newer connection elsewhere closes it within milliseconds, see
 * {@link ProbeConnections}), otherwise over internal HTTP to the instance PostgreSQL says holds
 * it. Where a probe is (at an instance, or nowhere) is remembered while the registry's notices are
 * heard ({@link ProbeWhereabouts}); when the remembered instance no longer has the probe (it
 * reconnected elsewhere) or cannot be reached, the location is read again from PostgreSQL once and
 * the call follows it.
 */
public final class ControlRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ControlRouter.class);

    private final ControlInstance self;
    private final ProbeConnections connections;
    private final LocalControls local;
    private final RemoteControls remote;
    private final ProbeWhereabouts whereabouts;

    public ControlRouter(
            ControlInstance self,
            ProbeConnections connections,
            LocalControls local,
            RemoteControls remote,
            ProbeWhereabouts whereabouts) {
        this.self = requireNonNull(self, "self is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.local = requireNonNull(local, "local is null");
        this.remote = requireNonNull(remote, "remote is null");
        this.whereabouts = requireNonNull(whereabouts, "whereabouts is null");
    }

    /** Whether the probe is connected to this instance (then {@link #callLocal} reaches it). */
    public boolean holdsLocally(ProbeKey key) {
        return local.holds(key);
    }

    /** The call to a probe connected to this instance, without parking the caller's thread. */
    public CompletableFuture<JsonNode> callLocal(ProbeKey key, ControlRequest request, Duration timeout) {
        return local.callAsync(key, request, timeout);
    }

    public JsonNode call(ProbeKey key, ControlRequest request, Duration timeout) {
        if (local.holds(key)) {
            return local.call(key, request, timeout);
        }
        Optional<ProbeLocation> at = whereabouts.locate(key, this::locate);
        for (int attempt = 0; ; attempt++) {
            if (at.isEmpty() || at.get().instanceId().equals(self.instanceId())) {
                return local.call(key, request, timeout);
            }
            try {
                return remote.call(at.get(), key, request, timeout);
            } catch (ControlFailure failure) {
                boolean stale = failure.outcome() == Outcome.NOT_CONNECTED || failure.outcome() == Outcome.UNAVAILABLE;
                if (!stale || attempt > 0) {
                    throw failure;
                }
                whereabouts.forget(key);
                Optional<ProbeLocation> moved = locate(key);
                if (moved.isEmpty() || moved.equals(at)) {
                    throw failure;
                }
                at = moved;
            }
        }
    }

    private Optional<ProbeLocation> locate(ProbeKey key) {
        try {
            return connections.locate(key);
        } catch (RuntimeException e) {
            LOG.warn("Probe registry unavailable: {}", e.toString());
            throw new ControlFailure(Outcome.UNAVAILABLE, "the probe registry is unavailable right now; try again");
        }
    }
}
