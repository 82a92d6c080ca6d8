package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OrgReportRateTest {
    private final AtomicLong now = new AtomicLong();
    private final OrgReportRate rate = new OrgReportRate(3, now::get);

    @Test
    void refusesTheReportAfterAMinutesWorthWith429AndWhenToRetry() {
        UUID org = UUID.randomUUID();
        rate.take(org);
        rate.take(org);
        rate.take(org);

        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, () -> rate.take(org));

        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeaderString("Retry-After")).isEqualTo("20");
        assertThat(refused.getMessage()).contains("more than 3 reports in a minute");
    }

    @Test
    void refillsOverTimeAndKeepsOrgsApart() {
        UUID chatty = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            rate.take(chatty);
        }
        rate.take(UUID.randomUUID()); // another org is not affected

        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        rate.take(chatty); // one report's worth came back
        assertThat(catchThrowableOfType(WebApplicationException.class, () -> rate.take(chatty)))
                .isNotNull();
    }
}
