package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import io.scopecloud.query.topology.TopologyRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link WarmUp} runs every read path on the report it ships. */
class WarmUpTest {
    @Test
    void aRoundAnswersTheMenuEveryViewSomeDetailsAndTheReport() {
        WarmUp warmUp = new WarmUp(Jackson.newObjectMapper(), 1, Duration.ofSeconds(30));
        TopologyRegistry registry = new TopologyRegistry();
        int views = registry.topLevel().stream()
                .mapToInt(d -> 1 + registry.subTopologies(d.id()).size())
                .sum();

        int answers = warmUp.round(WarmUp.posted());

        assertThat(answers)
                .as("the menu, %d views, at least the host's and processes' details, the report", views)
                .isGreaterThan(views + 2 + 2);
    }
}
