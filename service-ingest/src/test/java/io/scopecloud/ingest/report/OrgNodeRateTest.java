package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OrgNodeRateTest {
    private final AtomicLong now = new AtomicLong();
    private final OrgNodeRate nodes = new OrgNodeRate(600, now::get);
    private final UUID org = UUID.randomUUID();

    @Test
    void refusesNodesBeyondAMinutesWorthWith429AndWhenToRetry() {
        nodes.take(org, 500);

        WebApplicationException refused =
                catchThrowableOfType(WebApplicationException.class, () -> nodes.take(org, 300));

        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeaderString("Retry-After")).isEqualTo("20"); // 200 more at 10 a second
        assertThat(refused.getMessage()).contains("more than 600 nodes in a minute");
        nodes.take(UUID.randomUUID(), 600); // another org is not affected
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        nodes.take(org, 300); // the refused report took nothing
    }

    @Test
    void refusesAReportBiggerThanAMinutesWorthWith413() {
        WebApplicationException refused =
                catchThrowableOfType(WebApplicationException.class, () -> nodes.take(org, 601));

        assertThat(refused.getResponse().getStatus()).isEqualTo(413);
        assertThat(refused.getMessage()).contains("601 nodes").contains("ingest.maxNodesPerOrgPerMinute");
    }
}
