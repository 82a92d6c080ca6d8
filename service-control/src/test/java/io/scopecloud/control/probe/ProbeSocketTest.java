package io.scopecloud.control.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeSocketTest {
    private static final String OK_BODY = "{\"Request\":null,\"Response\":null,\"Value\":{}}";

    private final AtomicLong now = new AtomicLong();
    private final List<String> events = new ArrayList<>();
    private ScheduledExecutorService timer;
    private FakeSession fake;
    private ProbeSocket socket;

    @BeforeEach
    void open() {
        timer = Executors.newSingleThreadScheduledExecutor();
        fake = new FakeSession();
        socket = new ProbeSocket(
                new ProbeKey(UUID.randomUUID(), "3f2a9c"),
                UUID.randomUUID(),
                Instant.now(),
                new ProbeSocket.Events() {
                    @Override
                    public void opened(ProbeSocket s) {
                        events.add("opened");
                    }

                    @Override
                    public void closed(ProbeSocket s) {
                        events.add("closed");
                    }
                },
                timer,
                new SocketSettings(Duration.ofHours(1), Duration.ofHours(2), 1 << 20),
                now::get);
        socket.onWebSocketOpen(fake.session);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void writesEachCallAsAHeaderAndABodyWithIncreasingSeq() {
        socket.call(ControlRequest.of("a;<container>", "docker_stop_container", null));
        socket.call(ControlRequest.of("b;<container>", "docker_pause_container", null));

        assertThat(fake.sent()).hasSize(4);
        assertThat(fake.sent().get(0)).contains("\"Seq\":0");
        assertThat(fake.sent().get(1)).contains("docker_stop_container");
        assertThat(fake.sent().get(2)).contains("\"Seq\":1");
        assertThat(fake.sent().get(3)).contains("docker_pause_container");
        assertThat(events).containsExactly("opened");
    }

    @Test
    void matchesAnswersBySeqWhateverTheirOrder() throws Exception {
        ProbeSocket.Call first = socket.call(ControlRequest.of("n", "first", null));
        ProbeSocket.Call second = socket.call(ControlRequest.of("n", "second", null));

        answer(second.seq(), "", "{\"Request\":null,\"Response\":null,\"Value\":{\"value\":\"two\"}}");
        answer(first.seq(), "", "{\"Request\":null,\"Response\":null,\"Value\":{\"value\":\"one\"}}");

        assertThat(first.answer().get(1, TimeUnit.SECONDS).get("value").asText())
                .isEqualTo("one");
        assertThat(second.answer().get(1, TimeUnit.SECONDS).get("value").asText())
                .isEqualTo("two");
        assertThat(socket.outstanding()).isZero();
    }

    @Test
    void keepsEachCallsTwoFramesAdjacentUnderConcurrency() throws Exception {
        int calls = 200;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int n = i;
            sent.add(CompletableFuture.runAsync(
                    () -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        socket.call(ControlRequest.of("node-" + n, "c", null));
                    },
                    pool));
        }
        go.countDown();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        pool.shutdown();

        List<String> frames = fake.sent();
        assertThat(frames).hasSize(2 * calls);
        for (int i = 0; i < frames.size(); i += 2) {
            assertThat(frames.get(i)).startsWith("{\"Request\":{");
            assertThat(frames.get(i + 1)).startsWith("{\"Request\":null,\"Response\":null,\"Value\":{\"AppID\"");
        }
    }

    @Test
    void failsTheCallWhenTheHeaderCarriesAnRpcError() {
        ProbeSocket.Call call = socket.call(ControlRequest.of("n", "c", null));
        answer(
                call.seq(),
                "rpc: can't find service control.Handle",
                "{\"Request\":null,\"Response\":null,\"Value\":null}");

        assertThat(call.answer()).isCompletedExceptionally();
        assertThat(failure(call).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failure(call).getMessage()).isEqualTo("rpc: can't find service control.Handle");
    }

    @Test
    void dropsALateAnswerToAnAbandonedCall() {
        ProbeSocket.Call call = socket.call(ControlRequest.of("n", "c", null));
        socket.abandon(call.seq());
        answer(call.seq(), "", OK_BODY);

        assertThat(call.answer()).isNotDone();
        assertThat(fake.closed).isFalse();
    }

    @Test
    void failsOutstandingCallsAtOnceWhenTheConnectionCloses() {
        ProbeSocket.Call call = socket.call(ControlRequest.of("n", "c", null));
        socket.onWebSocketClose(1006, "gone", org.eclipse.jetty.websocket.api.Callback.NOOP);

        assertThat(failure(call).outcome()).isEqualTo(Outcome.DISCONNECTED);
        assertThat(failure(call).getMessage()).contains("probe 3f2a9c disconnected");
        ProbeSocket.Call later = socket.call(ControlRequest.of("n", "c", null));
        assertThat(later.answer()).isCompletedExceptionally();
        assertThat(events).containsExactly("opened", "closed");
    }

    @Test
    void failsTheCallWhenItCannotBeWritten() {
        fake.failSends = true;
        ProbeSocket.Call call = socket.call(ControlRequest.of("n", "c", null));
        assertThat(failure(call).outcome()).isEqualTo(Outcome.DISCONNECTED);
    }

    @Test
    void closesTheConnectionOnFramesThatAreNotScopesFraming() {
        ProbeSocket.Call call = socket.call(ControlRequest.of("n", "c", null));
        socket.onWebSocketText("{\"Request\":null,\"Response\":null,\"Value\":{}}"); // body before a header

        assertThat(fake.closed).isTrue();
        assertThat(failure(call).outcome()).isEqualTo(Outcome.DISCONNECTED);
    }

    @Test
    void pingsAndDropsAProbeThatStaysSilentPastThePongTimeout() {
        socket.keepalive();
        assertThat(fake.pings).isEqualTo(1);

        now.addAndGet(Duration.ofMinutes(90).toNanos());
        socket.onWebSocketPong(java.nio.ByteBuffer.allocate(0)); // heard: alive again
        now.addAndGet(Duration.ofMinutes(90).toNanos());
        socket.keepalive();
        assertThat(fake.disconnected).isFalse();

        ProbeSocket.Call call = socket.call(ControlRequest.of("n", "c", null));
        now.addAndGet(Duration.ofHours(3).toNanos());
        socket.keepalive();
        assertThat(fake.disconnected).isTrue();
        assertThat(failure(call).outcome()).isEqualTo(Outcome.DISCONNECTED);
        assertThat(events).containsExactly("opened", "closed");
    }

    private void answer(long seq, String error, String body) {
        socket.onWebSocketText("{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":"
                + Long.toUnsignedString(seq) + ",\"Error\":\"" + error + "\"},\"Value\":null}");
        socket.onWebSocketText(body);
    }

    private static ControlFailure failure(ProbeSocket.Call call) {
        assertThat(call.answer()).isCompletedExceptionally();
        try {
            JsonNode ignored = call.answer().getNow(null);
            throw new AssertionError("not failed: " + ignored);
        } catch (java.util.concurrent.CompletionException e) {
            return (ControlFailure) e.getCause();
        }
    }
}
