package io.scopecloud.probe.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.net.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeControlLink link = new FakeControlLink();
    private final ControlRegistry registry = new ControlRegistry();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong nanos = new AtomicLong();
    private ControlServer server;

    private ControlServer start(Duration pingPeriod) {
        server = new ControlServer(
                link,
                registry,
                workers,
                timer,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 0, () -> 0.5),
                nanos::get,
                pingPeriod,
                Duration.ofSeconds(60));
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private static String header(long seq) {
        return "{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":" + seq
                + "},\"Response\":null,\"Value\":null}";
    }

    private static String body(String control) {
        return "{\"Request\":null,\"Response\":null,\"Value\":{\"AppID\":\"\",\"NodeID\":\"vm;<host>\",\"Control\":\""
                + control + "\",\"ControlArgs\":{\"arg1\":\"v1\"}}}";
    }

    @Test
    void answersARequestWithScopesTwoFrames() throws Exception {
        registry.register(
                "ping",
                request -> new ControlResponse(JSON.valueToTree(request.controlArgs()), null, null, false, null, null));
        start(Duration.ofHours(1));
        FakeControlLink.FakeSession session = link.nextSession();

        session.receive(header(7));
        session.receive(body("ping"));

        assertThat(session.nextSent())
                .isEqualTo(
                        "{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":7,\"Error\":\"\"},"
                                + "\"Value\":null}");
        assertThat(session.nextSent())
                .isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":{\"value\":{\"arg1\":\"v1\"}}}");
    }

    @Test
    void answersUnknownControlsInScopesWords() throws Exception {
        start(Duration.ofHours(1));
        FakeControlLink.FakeSession session = link.nextSession();

        session.receive(header(1));
        session.receive(body("docker_stop_container"));

        session.nextSent();
        assertThat(session.nextSent())
                .isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":"
                        + "{\"error\":\"Control \\\"docker_stop_container\\\" not recognised\"}}");
    }

    @Test
    void runsRequestsConcurrentlyAndAnswersOutOfOrderMatchedBySeq() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        registry.register("slow", request -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ControlResponse.empty();
        });
        registry.register("fast", request -> ControlResponse.empty());
        start(Duration.ofHours(1));
        FakeControlLink.FakeSession session = link.nextSession();

        session.receive(header(1));
        session.receive(body("slow"));
        session.receive(header(2));
        session.receive(body("fast"));

        assertThat(seq(session.nextSent())).isEqualTo(2);
        assertThat(session.nextSent()).isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":{}}");
        release.countDown();
        assertThat(seq(session.nextSent())).isEqualTo(1);
        session.nextSent();
    }

    @Test
    void keepsEachAnswersFramesTogether() throws Exception {
        registry.register(
                "echo",
                request -> new ControlResponse(
                        JSON.getNodeFactory().textNode(request.nodeId()), null, null, false, null, null));
        start(Duration.ofHours(1));
        FakeControlLink.FakeSession session = link.nextSession();

        int calls = 50;
        for (int i = 0; i < calls; i++) {
            session.receive(header(i));
            session.receive("{\"Value\":{\"NodeID\":\"n" + i + "\",\"Control\":\"echo\"}}");
        }

        Map<Long, String> answers = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            long seq = seq(session.nextSent());
            String value =
                    JSON.readTree(session.nextSent()).get("Value").get("value").asText();
            answers.put(seq, value);
        }
        for (long i = 0; i < calls; i++) {
            assertThat(answers.get(i)).isEqualTo("n" + i);
        }
    }

    @Test
    void stampsRequestsWithTheAppId() throws Exception {
        registry.register(
                "who",
                request -> new ControlResponse(
                        JSON.getNodeFactory().textNode(request.appId()), null, null, false, null, null));
        start(Duration.ofHours(1)).setAppId("3889987ea0042f96");
        FakeControlLink.FakeSession session = link.nextSession();

        session.receive(header(3));
        session.receive(body("who"));

        session.nextSent();
        assertThat(session.nextSent()).contains("\"value\":\"3889987ea0042f96\"");
    }

    @Test
    void reconnectsWhenTheConnectionDropsOrCannotOpen() throws Exception {
        link.failNextOpen(new IOException("connection refused"));
        start(Duration.ofHours(1));
        FakeControlLink.FakeSession first = link.nextSession();
        assertThat(link.opens).isEqualTo(2);

        first.drop();
        FakeControlLink.FakeSession second = link.nextSession();
        second.receive(header(9));
        second.receive(body("nothing"));

        assertThat(seq(second.nextSent())).isEqualTo(9);
    }

    @Test
    void closesAConnectionThatSendsGarbageAndReconnects() throws Exception {
        start(Duration.ofHours(1));
        FakeControlLink.FakeSession first = link.nextSession();

        first.receive("{\"Value\":{}}"); // a body where a header belongs

        assertThat(first.closed).isTrue();
        assertThat(link.nextSession()).isNotSameAs(first);
    }

    @Test
    void pingsAndGivesUpOnASilentPeer() throws Exception {
        start(Duration.ofMillis(20));
        FakeControlLink.FakeSession session = link.nextSession();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (session.pings.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(session.pings.get()).isGreaterThanOrEqualTo(2);
        assertThat(session.closed).isFalse();

        session.listener.onPong();
        nanos.addAndGet(Duration.ofSeconds(61).toNanos()); // a minute without a pong

        FakeControlLink.FakeSession next = link.nextSession();
        assertThat(session.closed).isTrue();
        assertThat(next).isNotSameAs(session);
    }

    private static long seq(String frame) throws IOException {
        JsonNode node = JSON.readTree(frame);
        return node.get("Response").get("Seq").asLong();
    }
}
