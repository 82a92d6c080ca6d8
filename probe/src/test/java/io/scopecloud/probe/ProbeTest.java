package io.scopecloud.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.publish.ReportPublisher;
import io.scopecloud.report.Control;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.TopologyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProbeTest {
    private static final Instant T0 = Instant.parse("2026-11-23T00:17:10Z");

    record Published(Report report, boolean shortcut) {}

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger ticks = new AtomicInteger();

    /** A source reporting the host with one CPU sample per tick, and a control. */
    private final ReportSource source = new ReportSource() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Report report() {
            int tick = ticks.incrementAndGet();
            Instant at = T0.plusSeconds(tick);
            Report r = Report.builder()
                    .node(
                            TopologyType.HOST,
                            Node.builder("vm;<host>", "host")
                                    .metric("host_cpu_usage_percent", tick, 100, new Sample(at, tick))
                                    .build())
                    .build();
            return r.withTopology(
                    TopologyType.HOST,
                    r.topology(TopologyType.HOST).toBuilder()
                            .control(new Control("host_exec", "Exec shell", "fa fa-terminal", 0))
                            .build());
        }
    };

    private Probe probe(boolean noControls) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        return new Probe(
                new Reporter(List.of(source), new Tagger("vm;<host>"), clock),
                List.of(),
                (report, shortcut) -> published.add(new Published(report, shortcut)),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                noControls,
                clock);
    }

    @Test
    void publishesNothingWhenNoTickProducedData() {
        assertThat(probe(false).publishOnce(Duration.ofSeconds(3))).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void samplesTheSourcesOncePerPublish() {
        Probe probe = probe(false);
        probe.spyOnce();
        probe.spyOnce();
        probe.spyOnce();

        assertThat(probe.publishOnce(Duration.ofMillis(3_000_519))).isTrue();

        Published p = published.get(0);
        assertThat(p.shortcut()).isFalse();
        assertThat(p.report().windowNanos()).isEqualTo(3_000_519_000_000L);
        assertThat(p.report().id()).isNotEmpty();
        Node host = p.report().topology(TopologyType.HOST).nodes().get("vm;<host>");
        assertThat(host.metrics().get("host_cpu_usage_percent").samples()).hasSize(1);
        assertThat(ticks).hasValue(1);
        assertThat(host.latestValue("host_node_id")).contains("vm;<host>");
        assertThat(p.report().topology(TopologyType.HOST).controls()).containsKey("host_exec");
        assertThat(probe.publishOnce(Duration.ofSeconds(3))).isFalse();
    }

    @Test
    void sendsAFullReportEveryThirdPublishAndDeltasBetweenAgainAfterALoss() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        AtomicInteger undelivered = new AtomicInteger();
        ReportPublisher publisher = new ReportPublisher() {
            @Override
            public void publish(Report report, boolean shortcut) {
                published.add(new Published(report, shortcut));
            }

            @Override
            public long undelivered() {
                return undelivered.get();
            }
        };
        Probe probe = new Probe(
                new Reporter(List.of(source), new Tagger("vm;<host>"), clock),
                List.of(),
                publisher,
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                3,
                false,
                clock);
        for (int i = 0; i < 6; i++) {
            if (i == 4) {
                undelivered.incrementAndGet(); // the report of publish 4 did not get through
            }
            probe.spyOnce();
            probe.publishOnce(Duration.ofSeconds(3));
        }

        List<String> kinds = published.stream()
                .map(p -> p.report().topology(TopologyType.HOST).nodes().get("vm;<host>"))
                .map(host -> host.topology().isEmpty() ? "delta" : "full")
                .toList();
        assertThat(kinds).containsExactly("full", "delta", "delta", "full", "full", "delta");
        Report delta = published.get(1).report();
        assertThat(delta.topology(TopologyType.HOST).controls()).isEmpty(); // unchanged
        assertThat(delta.topology(TopologyType.HOST).nodes().get("vm;<host>").metrics())
                .containsKey("host_cpu_usage_percent"); // metrics always go
    }

    @Test
    void stripsControlsWithNoControls() {
        Probe probe = probe(true);
        probe.spyOnce();
        probe.publishOnce(Duration.ofSeconds(3));

        assertThat(published.get(0).report().topology(TopologyType.HOST).controls())
                .isEmpty();
    }

    @Test
    void publishesShortcutsAtOnceTaggedAndMerged() throws Exception {
        Probe probe = probe(false);
        probe.start();
        try {
            probe.publishShortcut(Report.builder()
                    .node(TopologyType.HOST, Node.builder("vm;<host>", "").build())
                    .build());
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (published.stream().noneMatch(Published::shortcut) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            probe.close();
        }
        Published shortcut =
                published.stream().filter(Published::shortcut).findFirst().orElseThrow();
        assertThat(shortcut.report().shortcut()).isTrue();
        assertThat(shortcut.report().windowNanos()).isZero();
        Node host = shortcut.report().topology(TopologyType.HOST).nodes().get("vm;<host>");
        assertThat(host.topology()).isEqualTo("host");
        assertThat(host.latestValue("host_node_id")).contains("vm;<host>");
    }

    @Test
    void buildsObservingSourcesOnlyWhenPublishing() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ObservingSource endpoints = new ObservingSource() {
            private int seen;

            @Override
            public String name() {
                return "observing";
            }

            @Override
            public void observe() {
                calls.add("observe");
                seen++;
            }

            @Override
            public Report drain() {
                calls.add("drain");
                Report r = Report.builder()
                        .node(
                                TopologyType.ENDPOINT,
                                Node.builder(";10.0.0.5;" + seen, "").build())
                        .build();
                seen = 0;
                return r;
            }
        };
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Probe probe = new Probe(
                new Reporter(List.of(source, endpoints), new Tagger("vm;<host>"), clock),
                List.of(),
                (report, shortcut) -> published.add(new Published(report, shortcut)),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                false,
                clock);
        probe.spyOnce();
        probe.spyOnce();
        probe.spyOnce();

        probe.publishOnce(Duration.ofSeconds(3));

        assertThat(calls).containsExactly("observe", "observe", "observe", "drain");
        assertThat(ticks).hasValue(1);
        Report report = published.get(0).report();
        assertThat(report.topology(TopologyType.ENDPOINT).nodes()).containsOnlyKeys(";10.0.0.5;3");
        assertThat(report.topology(TopologyType.ENDPOINT)
                        .nodes()
                        .get(";10.0.0.5;3")
                        .topology())
                .isEqualTo("endpoint");
        assertThat(report.topology(TopologyType.HOST).nodes()).containsKey("vm;<host>");
    }
}
