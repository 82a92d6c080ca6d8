package io.scopecloud.control.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's last-wins rules, over an in-memory registry table. */
class ProbeConnectionsTest {
    private final UUID org = UUID.randomUUID();
    private final InMemoryDao dao = new InMemoryDao();
    private final List<ProbeLocation> evicted = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ProbeConnections connections =
            new ProbeConnections(dao, self("i-1"), Duration.ofSeconds(30), (key, location) -> evicted.add(location));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void theLastConnectionWinsAndTheOlderIsClosed() {
        FakeSession firstSession = new FakeSession();
        ProbeSocket first = open("p", firstSession, Instant.parse("2026-01-01T00:00:00Z"));
        ProbeSocket second = open("p", new FakeSession(), Instant.parse("2026-01-01T00:00:01Z"));

        assertThat(firstSession.closed).isTrue();
        assertThat(connections.local(new ProbeKey(org, "p"))).containsSame(second);
        assertThat(dao.rows.get("p").connectionId()).isEqualTo(second.connectionId());

        first.onWebSocketClose(1000, "", Callback.NOOP); // late close
        assertThat(connections.local(new ProbeKey(org, "p"))).containsSame(second);
        assertThat(dao.rows).containsKey("p");

        second.onWebSocketClose(1000, "", Callback.NOOP);
        assertThat(connections.local(new ProbeKey(org, "p"))).isEmpty();
        assertThat(dao.rows).doesNotContainKey("p");
        String notice = RegistryNotices.of(org, "p");
        assertThat(dao.announced)
                .as("every change of the row: the first recorded, removed as it closed, the second recorded, removed")
                .containsExactly(notice, notice, notice, notice);
    }

    @Test
    void anOlderConnectionRegisteringLateDoesNotOverwriteANewerOne() {
        dao.upsert(org, "p", "i-2", "http://other", UUID.randomUUID(), Instant.parse("2026-01-01T00:00:05Z"));
        open("p", new FakeSession(), Instant.parse("2026-01-01T00:00:01Z"));

        assertThat(dao.rows.get("p").instanceId()).isEqualTo("i-2");
    }

    @Test
    void asksTheInstanceThatHeldTheProbeBeforeToCloseItsConnection() {
        UUID old = UUID.randomUUID();
        dao.upsert(org, "p", "i-2", "http://other", old, Instant.parse("2026-01-01T00:00:00Z"));
        open("p", new FakeSession(), Instant.parse("2026-01-01T00:00:01Z"));

        assertThat(evicted).containsExactly(new ProbeLocation("i-2", "http://other", old));
        assertThat(dao.rows.get("p").instanceId()).isEqualTo("i-1");
    }

    @Test
    void evictsOnlyTheConnectionItWasAskedToEvict() {
        FakeSession session = new FakeSession();
        ProbeSocket socket = open("p", session, Instant.now());
        assertThat(connections.evict(new ProbeKey(org, "p"), UUID.randomUUID())).isFalse();
        assertThat(session.closed).isFalse();
        assertThat(connections.evict(new ProbeKey(org, "p"), socket.connectionId()))
                .isTrue();
        assertThat(session.closed).isTrue();
    }

    private ProbeSocket open(String probeId, FakeSession session, Instant at) {
        ProbeSocket socket = new ProbeSocket(
                new ProbeKey(org, probeId),
                UUID.randomUUID(),
                at,
                connections,
                timer,
                new SocketSettings(Duration.ofHours(1), Duration.ofHours(2), 1 << 20),
                System::nanoTime);
        socket.onWebSocketOpen(session.session);
        return socket;
    }

    private static ProbeConnections.Self self(String id) {
        return new ProbeConnections.Self() {
            @Override
            public String instanceId() {
                return id;
            }

            @Override
            public String url() {
                return "http://" + id;
            }
        };
    }

    /** probe_connections for one org, with the same last-wins rules as the SQL. */
    private static final class InMemoryDao implements ProbeConnectionDao {
        record Row(String instanceId, String instanceUrl, UUID connectionId, Instant connectedAt) {}

        final Map<String, Row> rows = new HashMap<>();
        final List<String> announced = new ArrayList<>();

        @Override
        public int announce(String payload) {
            announced.add(payload);
            return 1;
        }

        @Override
        public Optional<ProbeLocation> lockCurrent(UUID org, String probeId) {
            return Optional.ofNullable(rows.get(probeId))
                    .map(r -> new ProbeLocation(r.instanceId(), r.instanceUrl(), r.connectionId()));
        }

        @Override
        public int upsert(
                UUID org, String probeId, String instanceId, String instanceUrl, UUID connectionId, Instant at) {
            Row current = rows.get(probeId);
            if (current != null && current.connectedAt().isAfter(at)) {
                return 0;
            }
            rows.put(probeId, new Row(instanceId, instanceUrl, connectionId, at));
            return 1;
        }

        @Override
        public int deregister(UUID org, String probeId, UUID connectionId) {
            Row current = rows.get(probeId);
            if (current != null && current.connectionId().equals(connectionId)) {
                rows.remove(probeId);
                return 1;
            }
            return 0;
        }

        @Override
        public Optional<ProbeLocation> find(UUID org, String probeId, double expirySeconds) {
            return lockCurrent(org, probeId);
        }

        @Override
        public int touchAll(String instanceId) {
            return 0;
        }

        @Override
        public int ensureInstance(String instanceId, String instanceUrl) {
            return 0;
        }
    }
}
