package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.scopecloud.testing.MovableClock;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The waits grow with each failure past the free ones, per address and email; a clock we move by hand. */
class SignInThrottleTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(
            clock,
            new SignInThrottle.Limits(3, Duration.ofSeconds(1), Duration.ofSeconds(10)),
            new SignInThrottle.Limits(6, Duration.ofSeconds(1), Duration.ofSeconds(10)));

    @Test
    void waitsDoubleAfterTheFreeFailuresUpToTheCeiling() {
        for (int i = 0; i < 3; i++) {
            throttle.begin("a", "owner@example.org");
        }
        assertThat(retryAfter("a", "owner@example.org")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("a", "owner@example.org");
        assertThat(retryAfter("a", "owner@example.org")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        throttle.begin("a", "owner@example.org");
        assertThat(retryAfter("a", "owner@example.org")).isEqualTo(4);
        clock.advance(Duration.ofSeconds(4));
        throttle.begin("a", "owner@example.org");
        assertThat(retryAfter("a", "owner@example.org")).isEqualTo(8);
        clock.advance(Duration.ofSeconds(8));
        throttle.begin("a", "owner@example.org");
        assertThat(retryAfter("a", "owner@example.org")).isEqualTo(10);
    }

    @Test
    void anotherAddressIsNeverHeldUpByThisOnesFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.begin("attacker", "owner@example.org");
        }
        assertThat(retryAfter("attacker", "owner@example.org")).isEqualTo(1);
        throttle.begin("owner's address", "owner@example.org");
        throttle.succeeded("owner's address", "owner@example.org");
        throttle.begin("owner's address", "owner@example.org");
    }

    @Test
    void oneAddressGuessingManyEmailsWaitsToo() {
        for (int i = 0; i < 6; i++) {
            throttle.begin("a", "person" + i + "@example.org");
        }
        assertThat(retryAfter("a", "someone-else@example.org")).isEqualTo(1);
    }

    @Test
    void aSuccessForgetsThePairsFailuresAndIsNotCounted() {
        throttle.begin("a", "owner@example.org");
        throttle.begin("a", "owner@example.org");
        throttle.begin("a", "owner@example.org");
        throttle.succeeded("a", "owner@example.org");
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            throttle.begin("a", "owner@example.org");
        }
        assertThat(retryAfter("a", "owner@example.org")).isEqualTo(1);
    }

    /** Asserts that the next attempt is refused with 429, and gives its Retry-After. */
    private long retryAfter(String address, String email) {
        Throwable refused = catchThrowable(() -> throttle.begin(address, email));
        assertThat(refused).isInstanceOf(WebApplicationException.class);
        Response response = ((WebApplicationException) refused).getResponse();
        assertThat(response.getStatus()).isEqualTo(429);
        return Long.parseLong(response.getHeaderString("Retry-After"));
    }
}
