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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a control call to wherever the probe is connected: to the local connection when this
 * instance holds one (a newer connection elsewhere closes it within milliseconds, see
 * {@link ProbeConnections}), otherwise over internal HTTP to the instance PostgreSQL says holds
 * it. Remote locations are remembered briefly; when the remembered instance no longer has the
 * probe (it reconnected elsewhere) or cannot be reached, the location is read again from
 * PostgreSQL once and the call follows it.
 */
public final class ControlRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ControlRouter.class);
    static final Duration REMEMBER = Duration.ofSeconds(5);

    private final ControlInstance self;
    private final ProbeConnections connections;
    private final LocalControls local;
    private final RemoteControls remote;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<ProbeKey, Remembered> remembered = new ConcurrentHashMap<>();

    public ControlRouter(
            ControlInstance self,
            ProbeConnections connections,
            LocalControls local,
            RemoteControls remote,
            LongSupplier nanoTime) {
        this.self = requireNonNull(self, "self is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.local = requireNonNull(local, "local is null");
        this.remote = requireNonNull(remote, "remote is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    public JsonNode call(ProbeKey key, ControlRequest request, Duration timeout) {
        if (local.holds(key)) {
            return local.call(key, request, timeout);
        }
        Optional<ProbeLocation> at = rememberedOrLocate(key);
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
                remembered.remove(key);
                Optional<ProbeLocation> moved = locate(key);
                if (moved.isEmpty() || moved.equals(at)) {
                    throw failure;
                }
                at = moved;
            }
        }
    }

    private Optional<ProbeLocation> rememberedOrLocate(ProbeKey key) {
        long now = nanoTime.getAsLong();
        Remembered r = remembered.get(key);
        if (r != null && now - r.sinceNanos() < REMEMBER.toNanos()) {
            return Optional.of(r.location());
        }
        Optional<ProbeLocation> at = locate(key);
        at.filter(l -> !l.instanceId().equals(self.instanceId()))
                .ifPresentOrElse(l -> remembered.put(key, new Remembered(l, now)), () -> remembered.remove(key));
        return at;
    }

    private Optional<ProbeLocation> locate(ProbeKey key) {
        try {
            return connections.locate(key);
        } catch (RuntimeException e) {
            LOG.warn("Probe registry unavailable: {}", e.toString());
            throw new ControlFailure(Outcome.UNAVAILABLE, "the probe registry is unavailable right now; try again");
        }
    }

    private record Remembered(ProbeLocation location, long sinceNanos) {}
}
