package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OrgProbesTest {
    private final AtomicLong now = new AtomicLong();
    private final OrgProbes probes = new OrgProbes(2, Duration.ofSeconds(60), now::get);
    private final UUID org = UUID.randomUUID();

    @Test
    void refusesANewProbeOverTheQuotaWith429UntilTheLeastRecentFallsSilent() {
        probes.admit(org, "a");
        later(10);
        probes.admit(org, "b");
        later(10);

        WebApplicationException refused =
                catchThrowableOfType(WebApplicationException.class, () -> probes.admit(org, "c"));

        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeaderString("Retry-After")).isEqualTo("40");
        assertThat(refused.getMessage()).contains("already has 2 probes reporting");
        later(40);
        probes.admit(org, "c"); // "a" has been silent for a minute
    }

    @Test
    void neverRefusesAProbeAlreadyReportingAndKeepsOrgsApart() {
        probes.admit(org, "a");
        probes.admit(org, "b");
        for (int i = 0; i < 5; i++) {
            later(30);
            probes.admit(org, "a");
            probes.admit(org, "b");
        }
        probes.admit(UUID.randomUUID(), "c");

        assertThat(catchThrowableOfType(WebApplicationException.class, () -> probes.admit(org, "c")))
                .isNotNull();
    }

    private void later(int seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
