package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.CompactReportCodec;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When {@link Prerender} computes a read ahead: by the read's cadence, not at every snapshot. */
class PrerenderTest {
    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final URI READ = URI.create("http://query/api/app/o/api/topology/hosts");

    private final OrgWindows windows = new OrgWindows(Duration.ofSeconds(15), Duration.ofMillis(50), Clock.systemUTC());
    private final SharedJson json = new SharedJson(new ObjectMapper());
    private final Prerender prerender = new Prerender(windows, json, new SimpleMeterRegistry());
    /** The snapshot versions the read was computed for, in order. */
    private final List<Long> computed = new CopyOnWriteArrayList<>();

    private final Function<OrgSnapshot, Object> body = s -> {
        computed.add(s.version());
        return Map.of("version", s.version());
    };

    @AfterEach
    void stop() {
        prerender.stop();
    }

    @Test
    void aReadPolledEverySecondIsComputedWhenItsPollComesNearNotWhenAReportArrives() throws Exception {
        windows.addListener(prerender);
        report("a");
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                Thread.sleep(1_000);
            }
            read();
        }
        int readsComputed = computed.size();
        long readVersion = computed.get(readsComputed - 1);

        report("b");
        Thread.sleep(300);

        assertThat(computed)
                .as("the next poll is 0.7 s away, two merges are 0.1 s: not computed at the report")
                .hasSize(readsComputed);
        waitUntil(() -> computed.size() > readsComputed);
        assertThat(computed.subList(readsComputed, computed.size()))
                .as("computed once, for the new snapshot, when the poll became due: no report came to wake it")
                .singleElement()
                .satisfies(v -> assertThat(v).isGreaterThan(readVersion));
    }

    @Test
    void aReadAskedOnceIsComputedAtTheNextReport() throws Exception {
        windows.addListener(prerender);
        report("a");
        read();
        int readsComputed = computed.size();

        report("b");

        waitUntil(() -> computed.size() > readsComputed);
    }

    /** Adds a report of one host to the org. */
    private void report(String host) {
        Instant now = Instant.now();
        Report r = Report.builder()
                .ts(now)
                .id(Report.randomId())
                .node(
                        TopologyType.HOST,
                        Node.builder(host + ";<host>", "host")
                                .latest("host_name", now, host)
                                .build())
                .build();
        windows.add(ORG, 0, "probe-" + host, now, CompactReportCodec.encode(r), r);
    }

    /** A read through the full path, as Jersey serves it: computes its answer for the current snapshot. */
    private void read() {
        UriInfo uri = proxy(UriInfo.class, "getRequestUri", READ);
        HttpHeaders headers = proxy(HttpHeaders.class, "getHeaderString", null);
        json.answer(windows.snapshot(ORG), uri, headers, ORG, "/api/app/{org}/api/topology/{topology}", body);
    }

    private static <T> T proxy(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (!m.getName().equals(method)) {
                throw new UnsupportedOperationException(m.getName());
            }
            return answer;
        }));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s").isNegative();
            Thread.sleep(10);
        }
    }
}
