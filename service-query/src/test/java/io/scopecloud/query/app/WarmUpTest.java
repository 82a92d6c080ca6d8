package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import io.scopecloud.query.topology.TopologyRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link WarmUp} runs every read path on the report it ships, and stands aside while requests arrive. */
class WarmUpTest {
    @Test
    void aRoundAnswersTheMenuEveryViewSomeDetailsAndTheReport() {
        WarmUp warmUp = new WarmUp(Jackson.newObjectMapper(), 1, Duration.ofSeconds(30), new RequestActivity());
        TopologyRegistry registry = new TopologyRegistry();
        int views = registry.topLevel().stream()
                .mapToInt(d -> 1 + registry.subTopologies(d.id()).size())
                .sum();

        int answers = warmUp.round(WarmUp.posted());

        assertThat(answers)
                .as("the menu, %d views, at least the host's and processes' details, the report", views)
                .isGreaterThan(views + 2 + 2);
    }

    @Test
    void aRoundWaitsForQuietAndGivesUpAfterItsPause() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        RequestActivity activity = new RequestActivity(now::get);
        WarmUp warmUp = new WarmUp(Jackson.newObjectMapper(), 1, Duration.ofSeconds(30), activity);
        assertThat(warmUp.awaitQuiet(Duration.ofMillis(20), Duration.ofSeconds(5)))
                .as("no request yet")
                .isTrue();

        activity.touch();
        assertThat(warmUp.awaitQuiet(Duration.ofMillis(20), Duration.ofMillis(200)))
                .as("a request just now and the clock stands still: it waits out its pause, then gives up")
                .isFalse();

        now.addAndGet(Duration.ofMillis(20).toNanos());
        assertThat(warmUp.awaitQuiet(Duration.ofMillis(20), Duration.ofMillis(200)))
                .as("quiet for 20 ms: goes on")
                .isTrue();
    }

    @Test
    void aRequestMakesItWaitUntilTheQuietHasLasted() throws Exception {
        RequestActivity activity = new RequestActivity();
        WarmUp warmUp = new WarmUp(Jackson.newObjectMapper(), 1, Duration.ofSeconds(30), activity);
        activity.touch();
        long start = System.nanoTime();

        assertThat(warmUp.awaitQuiet(Duration.ofMillis(100), Duration.ofSeconds(30)))
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
}
