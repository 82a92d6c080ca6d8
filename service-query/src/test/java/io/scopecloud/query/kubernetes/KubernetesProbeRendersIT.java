package io.scopecloud.query.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.scopecloud.probe.Reporter;
import io.scopecloud.probe.Tagger;
import io.scopecloud.probe.kubernetes.ClientConfigs;
import io.scopecloud.probe.kubernetes.ClusterInformers;
import io.scopecloud.probe.kubernetes.FixtureApiServer;
import io.scopecloud.probe.kubernetes.KubernetesOptions;
import io.scopecloud.probe.kubernetes.KubernetesReporter;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.topology.TopologyRegistry;
import io.scopecloud.query.topology.Views;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our probe's cluster-role report of the fixture cluster (its Kubernetes reporter on fabric8's
 * mock API server), merged with the host-role report of Scope's probe in place of Scope's
 * cluster-role posts, renders the Kubernetes views and node details as Scope's app rendered
 * them. Host views are left out: their metrics come from Scope's four host posts.
 */
class KubernetesProbeRendersIT {
    private static final Views VIEWS = new Views(new TopologyRegistry());
    private static FixtureApiServer api;
    private static KubernetesClient client;
    private static ClusterInformers informers;
    private static Report merged;

    @BeforeAll
    static void report() throws Exception {
        api = new FixtureApiServer().loadCluster();
        client = new KubernetesClientBuilder()
                .withConfig(ClientConfigs.from(KubernetesOptions.cluster(api.url()), Map.of()))
                .build();
        informers = new ClusterInformers(client, Duration.ofSeconds(10));
        KubernetesReporter reporter =
                new KubernetesReporter(informers, "3f1b87f896a4f8ea", "", r -> {}, Clock.systemUTC());
        informers.start(reporter);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!informers.synced() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Report ours = new Reporter(List.of(reporter), Tagger.topologyOnly(), Clock.systemUTC()).sample();
        Report scopesHost;
        try (InputStream in =
                FixtureApiServer.class.getResourceAsStream("/fixtures/scope-1.13-kubernetes/posts/003.msgpack.gz")) {
            scopesHost = ReportDecoder.decode(in.readAllBytes(), WireFormat.MSGPACK, true, DecodeLimits.defaults());
        }
        merged = Report.mergeAll(List.of(ours, scopesHost)).upgrade().withoutPartMergedNodes();
    }

    @AfterAll
    static void stop() {
        informers.close();
        client.close();
        api.close();
    }

    static Stream<Arguments> urls() {
        return KubernetesCompatibilityTest.urls().filter(a -> {
            String url = (String) a.get()[1];
            return !url.startsWith("/api/topology/hosts");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void ourProbesReportRendersAsScopesDid(String file, String url) {
        RenderContext ctx = new RenderContext(merged, Instant.now());
        assertThat(KubernetesCompatibilityTest.render(ctx, url))
                .isEqualTo(Fixtures.json("scope-1.13-kubernetes/" + file));
    }
}
