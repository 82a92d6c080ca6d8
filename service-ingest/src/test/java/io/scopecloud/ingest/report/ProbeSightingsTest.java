package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.probe.ProbeDao;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeSightingsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final UUID ORG_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID ORG_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    /** What {@code seenAll} was given, one list of "org/probe@host" per call. */
    private final List<List<String>> batches = new ArrayList<>();

    private RuntimeException failure;
    private final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        idle.shutdownNow();
    }

    @Test
    void theSightingsOfOneDelayAreWrittenInOneBatchInRowOrder() {
        ProbeSightings sightings = sightings();
        sightings.seen(ORG_B, "p1", "host-1", "1.13");
        sightings.seen(ORG_A, "p2", "host-2", "1.13");
        sightings.seen(ORG_A, "p1", null, "1.13");

        sightings.flush();

        assertThat(batches).containsExactly(List.of(ORG_A + "/p1@null", ORG_A + "/p2@host-2", ORG_B + "/p1@host-1"));
    }

    @Test
    void aProbeIsWrittenOncePerInterval() {
        ProbeSightings sightings = sightings();
        sightings.seen(ORG_A, "p1", "host-1", "1.13");
        sightings.seen(ORG_A, "p1", "host-1", "1.13");
        sightings.flush();
        sightings.seen(ORG_A, "p1", "host-1", "1.13");
        sightings.flush();

        assertThat(batches).containsExactly(List.of(ORG_A + "/p1@host-1"));
    }

    @Test
    void aFailedWriteIsTriedAgainWithTheProbesNextReport() {
        ProbeSightings sightings = sightings();
        failure = new IllegalStateException("PostgreSQL is down");
        sightings.seen(ORG_A, "p1", "host-1", "1.13");
        sightings.flush();

        failure = null;
        sightings.seen(ORG_A, "p1", "host-1", "1.13");
        sightings.flush();

        assertThat(batches).hasSize(2).last().isEqualTo(List.of(ORG_A + "/p1@host-1"));
    }

    @Test
    void nothingWaitingWritesNothing() {
        sightings().flush();

        assertThat(batches).isEmpty();
    }

    /** Flushes only when the test says: the scheduled flush is an hour away. */
    private ProbeSightings sightings() {
        return new ProbeSightings(
                dao(), Clock.fixed(NOW, ZoneOffset.UTC), idle, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    @SuppressWarnings("unchecked")
    private ProbeDao dao() {
        return (ProbeDao) Proxy.newProxyInstance(
                ProbeDao.class.getClassLoader(), new Class<?>[] {ProbeDao.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("seenAll")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    List<UUID> orgs = (List<UUID>) args[0];
                    List<String> probes = (List<String>) args[1];
                    List<String> hosts = (List<String>) args[2];
                    List<Instant> at = (List<Instant>) args[4];
                    assertThat(at).containsOnly(NOW);
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < orgs.size(); i++) {
                        batch.add(orgs.get(i) + "/" + probes.get(i) + "@" + hosts.get(i));
                    }
                    batches.add(batch);
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                });
    }
}
