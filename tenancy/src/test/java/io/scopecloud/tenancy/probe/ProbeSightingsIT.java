package io.scopecloud.tenancy.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.TenancyDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ProbeDao#seenAll}, ingest's batch of sightings, on PostgreSQL: the same rules as one {@code seen}. */
class ProbeSightingsIT {
    private static Tenancy tenancy;

    @BeforeAll
    static void setUp() {
        tenancy = TenancyDatabase.fresh(Duration.ZERO);
    }

    @Test
    void aBatchAddsNewProbesAndUpdatesKnownOnes() {
        UUID org = tenancy.orgs().create("Sightings").id();
        Instant earlier = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofMinutes(5));
        Instant now = earlier.plus(Duration.ofMinutes(5));
        tenancy.probes().seen(org, "known", "old-host", "1.12", earlier);

        tenancy.probes()
                .seenAll(
                        List.of(org, org),
                        List.of("known", "new"),
                        Arrays.asList(null, "new-host"),
                        List.of("1.13", "1.13"),
                        List.of(now, now));

        assertThat(tenancy.probes().list(org))
                .extracting(ProbeRecord::probeId, ProbeRecord::hostname, ProbeRecord::version)
                .containsExactlyInAnyOrder(tuple("known", "old-host", "1.13"), tuple("new", "new-host", "1.13"));
        assertThat(tenancy.probes().list(org))
                .allSatisfy(p -> assertThat(p.lastSeen()).isEqualTo(now));
    }

    @Test
    void anOlderSightingNeverMovesLastSeenBack() {
        UUID org = tenancy.orgs().create("Late sightings").id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tenancy.probes().seen(org, "p", "host", "1.13", now);

        tenancy.probes()
                .seenAll(
                        List.of(org),
                        List.of("p"),
                        List.of("host"),
                        List.of("1.13"),
                        List.of(now.minus(Duration.ofMinutes(1))));

        assertThat(tenancy.probes().list(org)).singleElement().satisfies(p -> assertThat(p.lastSeen())
                .isEqualTo(now));
    }
}
