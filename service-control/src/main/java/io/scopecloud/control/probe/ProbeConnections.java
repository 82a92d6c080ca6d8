package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of probe control connections: the ones this instance holds, in memory, and where
 * every probe is, in PostgreSQL. The last connection of a probe wins: a newer one replaces (and
 * closes) an older one on this instance, overwrites the row, and asks the instance that held the
 * older one elsewhere to close it. A closing connection deregisters only itself.
 */
public final class ProbeConnections implements ProbeSocket.Events {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeConnections.class);

    /** Who this instance is, as far as the registry needs to know. */
    public interface Self {
        String instanceId();

        String url();
    }

    private final ConcurrentHashMap<ProbeKey, ProbeSocket> local = new ConcurrentHashMap<>();
    private final ProbeConnectionDao dao;
    private final Self self;
    private final double expirySeconds;
    private final BiConsumer<ProbeKey, ProbeLocation> evictElsewhere;

    public ProbeConnections(
            ProbeConnectionDao dao,
            Self self,
            java.time.Duration instanceExpiry,
            BiConsumer<ProbeKey, ProbeLocation> evictElsewhere) {
        this.dao = requireNonNull(dao, "dao is null");
        this.self = requireNonNull(self, "self is null");
        this.expirySeconds =
                requireNonNull(instanceExpiry, "instanceExpiry is null").toMillis() / 1000.0;
        this.evictElsewhere = requireNonNull(evictElsewhere, "evictElsewhere is null");
    }

    @Override
    public void opened(ProbeSocket socket) {
        ProbeKey key = socket.key();
        ProbeSocket replaced = local.put(key, socket);
        if (replaced != null && replaced != socket) {
            replaced.close("replaced by a newer connection of the same probe");
        }
        try {
            Optional<ProbeLocation> previous = dao.register(
                    key.orgId(),
                    key.probeId(),
                    self.instanceId(),
                    self.url(),
                    socket.connectionId(),
                    socket.connectedAt());
            previous.filter(p -> !p.instanceId().equals(self.instanceId()))
                    .ifPresent(p -> evictElsewhere.accept(key, p));
            LOG.debug("Probe {} of org {} connected ({})", key.probeId(), key.orgId(), socket.connectionId());
        } catch (RuntimeException e) {
            // Not routable from other instances: better the probe reconnects than half works.
            LOG.warn("Could not register probe {}: {}; closing its connection", key.probeId(), e.toString());
            socket.close("registry unavailable, reconnect later");
        }
    }

    @Override
    public void closed(ProbeSocket socket) {
        ProbeKey key = socket.key();
        local.remove(key, socket);
        try {
            if (dao.deregister(key.orgId(), key.probeId(), socket.connectionId()) > 0) {
                dao.announce(RegistryNotices.of(key.orgId(), key.probeId()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not deregister probe {}: {}", key.probeId(), e.toString());
        }
    }

    /** The connection this instance holds for the probe, if any. */
    public Optional<ProbeSocket> local(ProbeKey key) {
        return Optional.ofNullable(local.get(key));
    }

    /** Where the probe's live connection is, according to PostgreSQL. */
    public Optional<ProbeLocation> locate(ProbeKey key) {
        return dao.find(key.orgId(), key.probeId(), expirySeconds);
    }

    /** Closes the given connection if this instance still holds it (another instance won). */
    public boolean evict(ProbeKey key, java.util.UUID connectionId) {
        ProbeSocket socket = local.get(key);
        if (socket == null || !socket.connectionId().equals(connectionId)) {
            return false;
        }
        socket.close("the probe connected to another instance");
        return true;
    }

    /**
     * Announces that any probe may have moved (an instance's probes became reachable or unreachable at once), so every
     * instance forgets where it last found probes.
     */
    public void announceEverything() {
        try {
            dao.announce(RegistryNotices.EVERYTHING);
        } catch (RuntimeException e) {
            LOG.warn("Could not announce a change of the probe registry: {}", e.toString());
        }
    }

    /** Writes every local connection again (after this instance's registry row was lost), and announces it. */
    public void reRegisterAll() {
        for (ProbeSocket socket : local.values()) {
            ProbeKey key = socket.key();
            try {
                dao.upsert(
                        key.orgId(),
                        key.probeId(),
                        self.instanceId(),
                        self.url(),
                        socket.connectionId(),
                        socket.connectedAt());
            } catch (RuntimeException e) {
                LOG.warn("Could not re-register probe {}: {}", key.probeId(), e.toString());
            }
        }
        announceEverything();
    }

    /** Marks every local connection as seen. */
    public void touchAll() {
        dao.touchAll(self.instanceId());
    }

    /** Closes every local connection (the instance stops). */
    public void closeAll() {
        for (ProbeSocket socket : local.values()) {
            socket.close("service stopping");
        }
    }

    public int size() {
        return local.size();
    }
}
