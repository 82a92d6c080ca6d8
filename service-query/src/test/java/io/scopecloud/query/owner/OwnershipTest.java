package io.scopecloud.query.owner;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.testing.MovableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    private static final URI ME = URI.create("http://query-0:4042");
    private static final URI OTHER = URI.create("http://query-1:4042");
    private static final URI THIRD = URI.create("http://query-2:4042");
    private static final UUID ORG = UUID.fromString("6f1c2a7e-3b8d-4c55-9a0e-2d4f8b1c9e70");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T11:00:00Z"));
    private final CountingReader reader = new CountingReader();
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();

    @Test
    void theFirstMapIsReadBeforeAnswering() {
        reader.owner = OTHER;
        Ownership ownership = new Ownership(reader, clock, Runnable::run);
        ownership.self(ME);

        assertThat(ownership.remoteOwner(ORG)).contains(OTHER);
        assertThat(reader.reads).hasValue(1);
    }

    @Test
    void anExpiredMapIsStillAnsweredWhileTheNextIsReadInTheBackground() throws Exception {
        reader.owner = OTHER;
        Ownership ownership = new Ownership(reader, clock, queued::add);
        ownership.self(ME);
        runFirstRead(ownership);

        reader.owner = THIRD;
        clock.advance(Duration.ofSeconds(6));
        assertThat(ownership.remoteOwner(ORG))
                .as("answered at once from the expired map")
                .contains(OTHER);
        assertThat(ownership.remoteOwner(ORG)).contains(OTHER);
        assertThat(queued).as("one read at a time").hasSize(1);

        queued.remove().run();
        assertThat(ownership.remoteOwner(ORG)).contains(THIRD);
        assertThat(reader.reads).hasValue(2);
        assertThat(queued).as("fresh again: nothing more to read").isEmpty();
    }

    @Test
    void aFreshMapIsNotReadAgain() {
        reader.owner = OTHER;
        Ownership ownership = new Ownership(reader, clock, Runnable::run);
        ownership.self(ME);
        ownership.remoteOwner(ORG);
        clock.advance(Duration.ofSeconds(4));

        assertThat(ownership.remoteOwner(ORG)).contains(OTHER);
        assertThat(reader.reads).hasValue(1);
    }

    @Test
    void afterInvalidateTheNextCallerWaitsForANewMap() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            reader.owner = OTHER;
            reader.delay = Duration.ofMillis(200);
            Ownership ownership = new Ownership(reader, clock, background);
            ownership.self(ME);
            assertThat(ownership.remoteOwner(ORG)).contains(OTHER);

            reader.owner = THIRD;
            ownership.invalidate();
            assertThat(ownership.remoteOwner(ORG))
                    .as("waited for the read on the other thread")
                    .contains(THIRD);
            assertThat(reader.reads).hasValue(2);
        } finally {
            background.shutdownNow();
            assertThat(background.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailedReadKeepsTheLastMap() {
        reader.owner = OTHER;
        Ownership ownership = new Ownership(reader, clock, Runnable::run);
        ownership.self(ME);
        ownership.remoteOwner(ORG);

        reader.failing = true;
        clock.advance(Duration.ofSeconds(6));
        assertThat(ownership.remoteOwner(ORG)).contains(OTHER);
        assertThat(reader.reads).hasValue(2);
    }

    @Test
    void thisInstanceOrAnUnknownOwnerIsServedHere() {
        Ownership ownership = new Ownership(reader, clock, Runnable::run);
        assertThat(ownership.remoteOwner(ORG)).as("before the server listens").isEmpty();
        assertThat(reader.reads).as("nothing read before then").hasValue(0);

        ownership.self(ME);
        reader.owner = ME;
        assertThat(ownership.remoteOwner(ORG)).isEmpty();
        reader.owner = null;
        ownership.invalidate();
        assertThat(ownership.remoteOwner(ORG)).isEmpty();
        assertThat(ownership.lastKnownRemoteOwner(ORG)).isEmpty();
    }

    @Test
    void theLastKnownOwnerNeverReads() throws Exception {
        reader.owner = OTHER;
        Ownership ownership = new Ownership(reader, clock, queued::add);
        ownership.self(ME);
        assertThat(ownership.lastKnownRemoteOwner(ORG)).isEmpty();
        assertThat(queued).isEmpty();

        runFirstRead(ownership);
        clock.advance(Duration.ofMinutes(1));
        assertThat(ownership.lastKnownRemoteOwner(ORG)).contains(OTHER);
        assertThat(queued).isEmpty();
    }

    /** The first caller waits for the first read: run it from the queue on another thread. */
    private void runFirstRead(Ownership ownership) throws InterruptedException {
        Thread runner = new Thread(() -> {
            while (queued.isEmpty()) {
                Thread.onSpinWait();
            }
            queued.remove().run();
        });
        runner.start();
        Optional<URI> first = ownership.remoteOwner(ORG);
        runner.join(5_000);
        assertThat(first).isPresent();
    }

    private static final class CountingReader implements Ownership.Reader {
        final AtomicInteger reads = new AtomicInteger();
        volatile URI owner;
        volatile boolean failing;
        volatile Duration delay = Duration.ZERO;

        @Override
        public Ownership.OwnerMap read() throws Exception {
            reads.incrementAndGet();
            Thread.sleep(delay.toMillis());
            if (failing) {
                throw new IllegalStateException("the coordinator is not available");
            }
            int partitions = 12;
            return new Ownership.OwnerMap(
                    partitions, owner == null ? Map.of() : Map.of(Ownership.partition(ORG, partitions), owner));
        }

        @Override
        public void close() {}
    }
}
