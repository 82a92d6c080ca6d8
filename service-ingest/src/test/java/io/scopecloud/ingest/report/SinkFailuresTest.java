package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.scopecloud.testing.MovableClock;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class SinkFailuresTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final SinkFailures failures = new SinkFailures(clock);

    @Test
    void kafkaAwayIs503WithRetryAfter() {
        Response answer = failures.toResponse(new CompletionException(new TimeoutException("no metadata")));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ErrorMessage) answer.getEntity()).getMessage()).contains("retry in 5 s");
    }

    @Test
    void aRecordKafkaRefusesForItsSizeIs413() {
        Response answer = failures.toResponse(new RecordTooLargeException("1 MiB"));

        assertThat(answer.getStatus()).isEqualTo(413);
        assertThat(answer.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void anOutageIsLoggedOncePerIntervalWithTheCountOfFailuresSince() {
        TimeoutException away = new TimeoutException("away");

        assertThat(failures.outageLine(away))
                .hasValueSatisfying(line -> assertThat(line).doesNotContain("more"));
        assertThat(failures.outageLine(away)).isEmpty();
        clock.advance(Duration.ofSeconds(9));
        assertThat(failures.outageLine(away)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(failures.outageLine(away))
                .hasValueSatisfying(line -> assertThat(line).contains("and 2 more failed sends"));
        clock.advance(SinkFailures.LOG_EVERY);
        assertThat(failures.outageLine(away))
                .hasValueSatisfying(line -> assertThat(line).doesNotContain("more"));
    }
}
