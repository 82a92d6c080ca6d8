package io.scopecloud.control.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PipeTest {
    private final AtomicLong now = new AtomicLong();
    private final Pipe pipe = new Pipe(new PipeKey(UUID.randomUUID(), "pipe-1"), now::get);

    @Test
    void relaysBytesBetweenTheTwoEnds() {
        FakeConn ui = new FakeConn();
        FakeConn probe = new FakeConn();
        pipe.attach(End.UI, ui);
        pipe.attach(End.PROBE, probe);
        AtomicInteger done = new AtomicInteger();

        pipe.forward(End.PROBE, probe, bytes("prompt$ "), done::incrementAndGet);
        pipe.forward(End.UI, ui, bytes("ls\n"), done::incrementAndGet);

        assertThat(ui.received).containsExactly("prompt$ ");
        assertThat(probe.received).containsExactly("ls\n");
        assertThat(done).hasValue(2);
    }

    @Test
    void holdsAMessageUntilTheOtherEndConnectsAndOnlyThenLetsItsSenderReadOn() {
        FakeConn probe = new FakeConn();
        pipe.attach(End.PROBE, probe);
        AtomicInteger done = new AtomicInteger();
        pipe.forward(End.PROBE, probe, bytes("early"), done::incrementAndGet);
        assertThat(done).hasValue(0);

        FakeConn ui = new FakeConn();
        pipe.attach(End.UI, ui);

        assertThat(ui.received).containsExactly("early");
        assertThat(done).hasValue(1);
    }

    @Test
    void aNewerConnectionReplacesTheOlderAtTheSameEnd() {
        FakeConn first = new FakeConn();
        FakeConn second = new FakeConn();
        FakeConn probe = new FakeConn();
        pipe.attach(End.UI, first);
        pipe.attach(End.PROBE, probe);
        pipe.attach(End.UI, second);

        pipe.forward(End.PROBE, probe, bytes("x"), () -> {});
        pipe.forward(End.UI, first, bytes("stale"), () -> {}); // the replaced one is not heard

        assertThat(first.closed).isTrue();
        assertThat(second.received).containsExactly("x");
        assertThat(probe.received).isEmpty();
        pipe.detach(End.UI, first); // late close of the replaced one changes nothing
        pipe.forward(End.UI, second, bytes("y"), () -> {});
        assertThat(probe.received).containsExactly("y");
    }

    @Test
    void isIdleWhenEitherEndHasBeenAwayForTheIdleTime() {
        FakeConn probe = new FakeConn();
        pipe.attach(End.PROBE, probe);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(pipe.idleFor(Duration.ofMinutes(1))).isFalse();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(pipe.idleFor(Duration.ofMinutes(1))).isTrue(); // the UI never came

        FakeConn ui = new FakeConn();
        pipe.attach(End.UI, ui);
        assertThat(pipe.idleFor(Duration.ofMinutes(1))).isFalse();
        pipe.detach(End.UI, ui);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(pipe.idleFor(Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void closingClosesBothEndsReleasesHeldMessagesAndRefusesNewConnections() {
        FakeConn probe = new FakeConn();
        pipe.attach(End.PROBE, probe);
        AtomicInteger done = new AtomicInteger();
        pipe.forward(End.PROBE, probe, bytes("held"), done::incrementAndGet);

        assertThat(pipe.close()).isTrue();

        assertThat(probe.closed).isTrue();
        assertThat(done).hasValue(1);
        assertThat(pipe.attach(End.UI, new FakeConn())).isFalse();
        assertThat(pipe.close()).isFalse();
        assertThat(pipe.closedFor(Duration.ofMinutes(10))).isFalse();
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(pipe.closedFor(Duration.ofMinutes(10))).isTrue();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class FakeConn implements Pipe.Conn {
        final List<String> received = new ArrayList<>();
        boolean closed;

        @Override
        public void send(ByteBuffer data, Runnable done) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            received.add(new String(b, StandardCharsets.UTF_8));
            done.run();
        }

        @Override
        public void close(String reason) {
            closed = true;
        }
    }
}
