package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scopecloud.query.TestReports;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which snapshots {@link Prerender} computes a read for, with real windows and shared answers: those the read's next
 * ask will find, by the cadence of its asks and of the org's snapshots.
 */
class PrerenderTest {
    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final URI READ = URI.create("http://query/api/app/o/api/topology/hosts");
    private static final String PRERENDER_THREAD = "query-prerender";

    private final SharedJson json = new SharedJson(new ObjectMapper());
    private OrgWindows windows;
    private Prerender prerender;
    private SimpleMeterRegistry registry;
    private final AtomicInteger computedAhead = new AtomicInteger();
    private final AtomicInteger computedOnRequest = new AtomicInteger();

    PrerenderTest() {
        start(Duration.ofMillis(50));
    }

    private void start(Duration mergeInterval) {
        windows = new OrgWindows(Duration.ofSeconds(15), mergeInterval, Clock.systemUTC());
        registry = new SimpleMeterRegistry();
        prerender = new Prerender(windows, json, registry);
    }

    @AfterEach
    void stop() {
        prerender.stop();
    }

    @Test
    void aSnapshotAWebsocketMergedHasTheReadsDueComputedForItAtOnce() throws Exception {
        prerender.stop();
        start(Duration.ofSeconds(1));
        windows.addListener(prerender);
        report("a");
        read();
        Thread.sleep(1_100);
        int aheadBefore = computedAhead.get();

        report("b");
        // a websocket's push, a merge interval after the last merge; the report's own compute is a second away
        long version = windows.snapshot(ORG).version();

        waitUntil(() -> computedAhead.get() > aheadBefore, Duration.ofMillis(600));
        assertThat(windows.snapshot(ORG).version())
                .as("computed for the push's snapshot")
                .isEqualTo(version);
    }

    @Test
    void anOrgReportingSeldomHasEachSnapshotComputedForThePollsBeforeItsNextReport() throws Exception {
        windows.addListener(prerender);

        int onRequest = lastPollsComputedOnRequest(Duration.ofMillis(800), Duration.ofMillis(400), (round, start) -> {
            sleepUntil(start);
            report("host-" + round);
        });

        assertThat(onRequest)
                .as("a poll 0.4 s after each report finds its snapshot computed, though two merges are 0.1 s")
                .isZero();
    }

    @Test
    void anOrgReportingInBurstsHasTheSnapshotAfterEachBurstComputedForThePollBeforeTheNext() throws Exception {
        windows.addListener(prerender);

        int onRequest = lastPollsComputedOnRequest(Duration.ofSeconds(1), Duration.ofMillis(700), (round, start) -> {
            // a burst: six probes report 10 ms apart, a websocket pushing after each (at most every merge interval)
            for (int probe = 0; probe < 6; probe++) {
                sleepUntil(start + probe * Duration.ofMillis(10).toNanos());
                report("host-" + probe + "-" + round);
                windows.snapshot(ORG);
            }
        });

        assertThat(onRequest)
                .as("a poll 0.6 s after each burst finds the burst's last snapshot computed, though the org"
                        + " merged every 50 ms during the burst")
                .isZero();
    }

    @Test
    void anOrgReportingAllTheTimeHasAViewPolledEverySecondComputedForFewOfItsSnapshots() throws Exception {
        windows.addListener(prerender);
        long second = Duration.ofSeconds(1).toNanos();
        long start = System.nanoTime();
        int aheadBefore = 0;
        int reads = 0;
        int host = 0;
        for (long now = start; now - (start + 4 * second) < 0; now = System.nanoTime()) {
            if (now - (start + reads * second) >= 0) {
                read();
                reads++;
                if (reads == 2) {
                    // the read's cadence is known from here on: two polls, each a second after the last
                    aheadBefore = computedAhead.get();
                }
            }
            report("host-" + host++ % 50);
            Thread.sleep(10);
        }

        int mergeIntervals = (int)
                (Duration.ofSeconds(2).toMillis() / windows.mergeInterval().toMillis());
        assertThat(computedAhead.get() - aheadBefore)
                .as(
                        "in the last two seconds, computed ahead only for the few snapshots before each poll,"
                                + " not for each of the %d merge intervals",
                        mergeIntervals)
                .isPositive()
                .isLessThan(mergeIntervals / 3);
    }

    @Test
    void countsEachAnswerItComputedOnceNotEachComputeThatFoundItReady() throws Exception {
        windows.addListener(prerender);
        report("a");
        read();
        report("b");
        waitUntil(() -> computedAhead.get() > 0);

        // another compute for the same snapshot: the answer is there already
        prerender.reportAdded(ORG, false);
        Thread.sleep(300);

        assertThat(registry.get("scope.query.prerendered").counter().count())
                .as("answers computed ahead")
                .isEqualTo(computedAhead.get());
    }

    @Test
    void aReadAskedOnceIsComputedAtTheNextReport() throws Exception {
        windows.addListener(prerender);
        report("a");
        read();

        report("b");

        waitUntil(() -> computedAhead.get() > 0);
    }

    /** What an org reports in one round of a test that starts at {@code startNanos}. */
    @FunctionalInterface
    private interface RoundReports {
        void report(int round, long startNanos) throws InterruptedException;
    }

    /**
     * Seven rounds of {@code period}, each the round's reports, then a poll {@code pollAt} into the round: how many
     * of the last three polls were computed on the request path (by then the cadences of the poll and of the reports
     * are known).
     */
    private int lastPollsComputedOnRequest(Duration period, Duration pollAt, RoundReports reports)
            throws InterruptedException {
        long start = System.nanoTime();
        int onRequestBefore = 0;
        for (int round = 0; round < 7; round++) {
            long roundStart = start + round * period.toNanos();
            reports.report(round, roundStart);
            sleepUntil(roundStart + pollAt.toNanos());
            if (round == 3) {
                onRequestBefore = computedOnRequest.get();
            }
            read();
        }
        return computedOnRequest.get() - onRequestBefore;
    }

    /** Adds a report of one host to the org. */
    private void report(String host) {
        Instant now = Instant.now();
        Report r = TestReports.oneHost(host, now);
        windows.add(ORG, 0, "probe-" + host, now, CompactReportCodec.encode(r), r);
    }

    /** The read's body, counted by where it was computed. */
    private Object body(OrgSnapshot snapshot) {
        (Thread.currentThread().getName().equals(PRERENDER_THREAD) ? computedAhead : computedOnRequest)
                .incrementAndGet();
        return Map.of("version", snapshot.version());
    }

    /** A read through the full path, as Jersey serves it: computes its answer unless it was computed ahead. */
    private void read() {
        UriInfo uri = proxy(UriInfo.class, "getRequestUri", READ);
        HttpHeaders headers = proxy(HttpHeaders.class, "getHeaderString", null);
        json.answer(windows.snapshot(ORG), uri, headers, ORG, "/api/app/{org}/api/topology/{topology}", this::body);
    }

    private static <T> T proxy(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (!m.getName().equals(method)) {
                throw new UnsupportedOperationException(m.getName());
            }
            return answer;
        }));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        waitUntil(condition, Duration.ofSeconds(10));
    }

    private static void waitUntil(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited %s", atMost).isNegative();
            Thread.sleep(10);
        }
    }
}
