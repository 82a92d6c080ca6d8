package io.scopecloud.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondToAMinuteAndResets() {
        Backoff backoff = Backoff.standard();
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            backoff.nextDelay();
        }
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(60));
        backoff.reset();
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterStaysWithinItsShareAndUnderTheMaximum() {
        Backoff low = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), 0.2, () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), 0.2, () -> 0.999999);
        assertThat(low.nextDelay()).isEqualTo(Duration.ofSeconds(8));
        assertThat(high.nextDelay()).isBetween(Duration.ofMillis(11_990), Duration.ofSeconds(12));
        Backoff capped = new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(60), 0.3, () -> 0.999999);
        assertThat(capped.nextDelay()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void givesTheHeadersOfScopesProbe() {
        ProbeIdentity identity = new ProbeIdentity("t0k", "3b0a37194325fdbc", "1.2.3");
        assertThat(identity.headers())
                .containsExactly(
                        java.util.Map.entry("Authorization", "Scope-Probe token=t0k"),
                        java.util.Map.entry("X-Scope-Probe-ID", "3b0a37194325fdbc"),
                        java.util.Map.entry("X-Scope-Probe-Version", "1.2.3"));
        assertThat(identity.userAgent()).isEqualTo("Scope_Probe/1.2.3");
        assertThat(identity.toString()).doesNotContain("t0k");
        String id = ProbeIdentity.generate("t", "v").probeId();
        assertThat(Long.parseUnsignedLong(id, 16)).isNotNegative();
        assertThat(AppDetails.parseId(
                        "{\"id\":\"3889987ea0042f96\",\"version\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .contains("3889987ea0042f96");
        assertThat(AppDetails.parseId("nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
