package io.scopecloud.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a decoder hands over without a copy ends up as the copying builders make it. */
class AdoptedArraysTest {
    private static final Instant T = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void adoptedSamplesInOrderMakeTheSameMetric() {
        Sample[] samples = {new Sample(T, 1), new Sample(T.plusSeconds(1), 2)};

        assertThat(Metric.adopt(0, 100, samples)).isEqualTo(Metric.of(0, 100, samples.clone()));
    }

    @Test
    void adoptedSamplesOutOfOrderAreSortedAndOneKeptPerDate() {
        Metric adopted = Metric.adopt(
                0, 100, new Sample[] {new Sample(T.plusSeconds(1), 2), new Sample(T, 1), new Sample(T, 1)});

        assertThat(adopted.samples()).containsExactly(new Sample(T, 1), new Sample(T.plusSeconds(1), 2));
        assertThat(Metric.adopt(0, 1, new Sample[0]).samples()).isEmpty();
        assertThatThrownBy(() -> Metric.adopt(0, 1, new Sample[] {null})).isInstanceOf(NullPointerException.class);
    }

    @Test
    void adoptedSetsAndParentsAreSortedWithoutDuplicates() {
        Node adopted = Node.builder("n", "process")
                .adoptSet("ips", new String[] {"10.0.0.2", "10.0.0.1", "10.0.0.2"})
                .adoptParents("host", new String[] {"h;<host>"})
                .adoptSet("none", new String[0])
                .build();
        Node copied = Node.builder("n", "process")
                .set("ips", "10.0.0.1", "10.0.0.2")
                .parent("host", "h;<host>")
                .set("none")
                .build();

        assertThat(adopted).isEqualTo(copied);
        assertThat(adopted.sets().get("ips")).containsExactly("10.0.0.1", "10.0.0.2");
    }
}
