package io.scopecloud.probe.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.scopecloud.probe.Reporter;
import io.scopecloud.probe.Tagger;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster-role probe's report for the fixture cluster, served by fabric8's mock API server
 * (CRUD mode: list and watch over HTTP), against the report Weave Scope 1.13's probe posted for
 * the same cluster ({@code posts/002}); and changes reaching the next report.
 */
class KubernetesReporterIT {
    /** The cluster-role Scope probe's id in the capture: our controls carry it in the Host topology. */
    private static final String SCOPE_PROBE_ID = "3f1b87f896a4f8ea";

    private FixtureApiServer api;
    private KubernetesClient client;
    private ClusterInformers informers;
    private KubernetesReporter reporter;
    private final List<Report> shortcuts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        api = new FixtureApiServer().loadCluster();
        client = new KubernetesClientBuilder()
                .withConfig(ClientConfigs.from(KubernetesOptions.cluster(api.url()), Map.of()))
                .build();
        informers = new ClusterInformers(client, Duration.ofSeconds(10));
        reporter = new KubernetesReporter(informers, SCOPE_PROBE_ID, "", shortcuts::add, Clock.systemUTC());
        informers.start(reporter);
        await("informers synced", informers::synced);
    }

    @AfterEach
    void stop() {
        if (reporter != null) {
            reporter.close();
        }
        if (informers != null) {
            informers.close();
        }
        if (client != null) {
            client.close();
        }
        api.close();
    }

    /**
     * Waits until the informers watch {@code paths}: the mock sends a watch only what changes
     * after it opened (it has no history to replay from the list's resourceVersion), so a change
     * made between the list and the watch would never reach them.
     */
    private void awaitWatching(String... paths) throws InterruptedException {
        java.util.Set<String> pending = new java.util.HashSet<>(List.of(paths));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!pending.isEmpty()) {
            for (String request : api.takeRequests()) {
                pending.removeIf(path -> request.startsWith("GET " + path + "?") && request.contains("watch=true"));
            }
            assertThat(System.nanoTime()).as("watches of %s", pending).isLessThan(deadline);
        }
    }

    /** What the probe publishes in the cluster role: the Kubernetes reporter, topology-tagged only. */
    private Report publish() {
        return new Reporter(List.of(reporter), Tagger.topologyOnly(), Clock.systemUTC()).sample();
    }

    private static Report scopeReport(String post) throws Exception {
        return ReportDecoder.decode(
                FixtureApiServer.bytes(FixtureApiServer.FIXTURES + "posts/" + post),
                WireFormat.MSGPACK,
                true,
                DecodeLimits.defaults());
    }

    @Test
    void clusterRoleReportEqualsScopes() throws Exception {
        Report ours = publish();
        Report scopes = scopeReport("002.msgpack.gz");

        for (TopologyType type : TopologyType.values()) {
            assertThat(ReportShape.of(ours).get(type.reportKey()))
                    .as(type.reportKey())
                    .isEqualTo(ReportShape.of(scopes).get(type.reportKey()));
        }
        assertThat(ours.nodeCount()).isEqualTo(scopes.nodeCount()).isEqualTo(25);
    }

    @Test
    void theFirstListIsPublishedAsAPodsShortcutAsScopeDoes() throws Exception {
        await(
                "8 pods in shortcuts",
                () -> shortcuts.stream()
                                .flatMap(r -> r.topology(TopologyType.POD).nodes().keySet().stream())
                                .distinct()
                                .count()
                        == 8);
        // the first list's pods are gathered into shortcut reports, not sent one by one
        assertThat(shortcuts).hasSizeLessThan(8);
        Report merged = Report.empty();
        for (Report r : shortcuts) {
            merged = merged.merge(r);
        }
        Report scopes = scopeReport("001.msgpack.gz");
        Map<String, Object> ourPods =
                castMap(ReportShape.of(Tagger.topologyOnly().tag(merged, java.time.Instant.now()))
                        .get("Pod"));
        assertThat(ourPods.get("nodes"))
                .isEqualTo(castMap(ReportShape.of(scopes).get("Pod")).get("nodes"));
    }

    @Test
    void anAddedPodAndAScaledDeploymentReachTheNextReport() throws Exception {
        awaitWatching("/api/v1/pods", "/apis/apps/v1/deployments");
        Pod added = new PodBuilder()
                .withNewMetadata()
                .withName("frontend-tlzndpdtx5-new01")
                .withNamespace("shop")
                .withCreationTimestamp("2026-12-06T01:00:00Z")
                .withLabels(Map.of("app", "frontend", "tier", "web", "pod-template-hash", "tlzndpdtx5"))
                .endMetadata()
                .withNewSpec()
                .withNodeName("vm")
                .addNewContainer()
                .withName("frontend")
                .withImage("ghcr.io/example/shop-frontend:2.4.1")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build();
        client.pods().inNamespace("shop").resource(added).create();
        client.apps().deployments().inNamespace("shop").withName("frontend").edit(d -> {
            d.getSpec().setReplicas(4);
            return d;
        });

        await("the change in a report", () -> {
            Report report = publish();
            Node pod = byName(report, "frontend-tlzndpdtx5-new01");
            Node deployment = report.topology(TopologyType.DEPLOYMENT)
                    .nodes()
                    .get("0c644b41-5148-5f88-8bed-f1326112b69d;<deployment>");
            return pod != null
                    && pod.parents()
                            .getOrDefault("deployment", List.of())
                            .contains("0c644b41-5148-5f88-8bed-f1326112b69d;<deployment>")
                    && pod.parents()
                            .getOrDefault("service", List.of())
                            .contains("d6773b10-f4b2-5f19-95c8-f6793daee1b1;<service>")
                    && deployment
                            .latestValue(ObjectNodes.DESIRED_REPLICAS)
                            .orElse("")
                            .equals("4");
        });
        await("the new pod in a shortcut", () -> shortcuts.stream()
                .anyMatch(r -> byName(r, "frontend-tlzndpdtx5-new01") != null));
    }

    @Test
    void unchangedObjectsKeepTheirNodesAndAScaledDeploymentRebuildsOnlyItself() throws Exception {
        awaitWatching("/apis/apps/v1/deployments");
        Report first = publish();
        long built = reporter.nodesBuilt();
        Report second = publish();
        assertThat(reporter.nodesBuilt()).isEqualTo(built);
        assertThat(second.topology(TopologyType.POD).nodes())
                .isEqualTo(first.topology(TopologyType.POD).nodes());

        client.apps().deployments().inNamespace("shop").withName("frontend").edit(d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        await("the scaled deployment in a report", () -> publish()
                .topology(TopologyType.DEPLOYMENT)
                .nodes()
                .get("0c644b41-5148-5f88-8bed-f1326112b69d;<deployment>")
                .latestValue(ObjectNodes.DESIRED_REPLICAS)
                .orElse("")
                .equals("5"));
        // its pods keep their nodes: the deployment's selector, and so their parents, did not change
        assertThat(reporter.nodesBuilt()).isEqualTo(built + 1);
    }

    @Test
    void withoutANodeNameOnlyThePodsTheKubeletListsAreReportedAsScopeDoes() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer kubelet = KubeletPodsTest.kubelet(200, KubeletPodsTest.TWO_PODS, paths);
        int port = kubelet.getAddress().getPort();
        try (KubernetesReporter local = new KubernetesReporter(
                informers, SCOPE_PROBE_ID, "", new KubeletPods(port)::uids, r -> {}, Clock.systemUTC())) {
            Report report = local.report();

            assertThat(report.topology(TopologyType.POD).nodes())
                    .containsOnlyKeys("c2d66489-d4d5-5339-b39c-284e8a1148c6;<pod>");
            assertThat(report.topology(TopologyType.DEPLOYMENT).nodes()).isNotEmpty(); // the rest as before
            assertThat(paths).containsExactly("/pods/");
        } finally {
            kubelet.stop(0);
        }
        try (KubernetesReporter unreachable = new KubernetesReporter(
                informers, SCOPE_PROBE_ID, "", new KubeletPods(port)::uids, r -> {}, Clock.systemUTC())) {
            assertThat(unreachable.report().topology(TopologyType.POD).nodes()).hasSize(8); // every pod, as Scope
        }
    }

    @Test
    void aDeletedPodIsPublishedAsDeletedAtOnce() throws Exception {
        awaitWatching("/api/v1/pods");
        client.pods().inNamespace("shop").withName("api-ssvdbq8xhc-b974r").delete();
        await("a deleted shortcut", () -> shortcuts.stream()
                .map(r -> r.topology(TopologyType.POD).nodes().get("c2d66489-d4d5-5339-b39c-284e8a1148c6;<pod>"))
                .anyMatch(n ->
                        n != null && n.latestValue(ObjectNodes.STATE).orElse("").equals("deleted")));
        await("gone from the report", () -> !publish()
                .topology(TopologyType.POD)
                .nodes()
                .containsKey("c2d66489-d4d5-5339-b39c-284e8a1148c6;<pod>"));
    }

    @Test
    void absentSnapshotResourcesAreNotAskedForAgain() throws Exception {
        Thread.sleep(2_000);
        List<String> requests = api.takeRequests();
        assertThat(requests.stream().filter(r -> r.contains("volumesnapshot")).toList())
                .as("requests for the absent snapshot CRDs: %s", requests)
                .hasSizeLessThanOrEqualTo(1);
        assertThat(requests.stream()
                        .filter(r -> r.startsWith("GET /api/v1/nodes?"))
                        .count())
                .as("node lists (a watch, not Scope's list every second): %s", requests)
                .isLessThanOrEqualTo(2);
    }

    /** The pod named {@code name} (the mock gives a created pod a uid of its own). */
    private static Node byName(Report report, String name) {
        return report.topology(TopologyType.POD).nodes().values().stream()
                .filter(n -> n.latestValue(ObjectNodes.NAME).orElse("").equals(name))
                .findFirst()
                .orElse(null);
    }

    @Test
    void volumeSnapshotsAreReportedWhenTheClusterServesThem() {
        try (FixtureApiServer withSnapshots = new FixtureApiServer(true).loadCluster();
                KubernetesClient probeClient = new KubernetesClientBuilder()
                        .withConfig(ClientConfigs.from(KubernetesOptions.cluster(withSnapshots.url()), Map.of()))
                        .build();
                ClusterInformers cluster = new ClusterInformers(probeClient, Duration.ofSeconds(10))) {
            KubernetesReporter snapshots =
                    new KubernetesReporter(cluster, SCOPE_PROBE_ID, "", r -> {}, Clock.systemUTC());
            cluster.start(snapshots);
            var snapshot = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
            snapshot.setApiVersion(ClusterInformers.SNAPSHOT_GROUP + "/v1");
            snapshot.setKind("VolumeSnapshot");
            snapshot.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName("snapshot-20261206020000-1")
                    .withNamespace("shop")
                    .build());
            snapshot.setAdditionalProperty(
                    "spec", Map.of("persistentVolumeClaimName", "data-db-0", "snapshotDataName", "data-1"));
            withSnapshots
                    .admin
                    .genericKubernetesResources(ClusterInformers.VOLUME_SNAPSHOTS)
                    .inNamespace("shop")
                    .resource(snapshot)
                    .create();

            await("the snapshot in a report", () -> !snapshots
                    .report()
                    .topology(TopologyType.VOLUME_SNAPSHOT)
                    .nodes()
                    .isEmpty());
            Node node = snapshots
                    .report()
                    .topology(TopologyType.VOLUME_SNAPSHOT)
                    .nodes()
                    .values()
                    .iterator()
                    .next();
            assertThat(node.latestValue(ObjectNodes.NODE_TYPE)).contains("Volume Snapshot");
            assertThat(node.latestValue(ObjectNodes.VOLUME_CLAIM)).contains("data-db-0");
            assertThat(node.latestValue(ObjectNodes.SNAPSHOT_DATA)).contains("data-1");
            assertThat(node.latestValue(Node.ACTIVE_CONTROLS))
                    .contains("kubernetes_clone_volume_snapshot;kubernetes_delete_volume_snapshot;kubernetes_describe");
        }
    }

    @Test
    void snapshotCrdsInstalledAfterTheStartAreWatchedWithoutARestart() throws Exception {
        try (KubernetesClient probeClient = new KubernetesClientBuilder()
                        .withConfig(ClientConfigs.from(KubernetesOptions.cluster(api.url()), Map.of()))
                        .build();
                ClusterInformers cluster =
                        new ClusterInformers(probeClient, Duration.ofSeconds(10), Duration.ofMillis(300))) {
            KubernetesReporter snapshots =
                    new KubernetesReporter(cluster, SCOPE_PROBE_ID, "", r -> {}, Clock.systemUTC());
            cluster.start(snapshots);
            await("synced without snapshots", cluster::synced);
            Thread.sleep(2_500); // looks again after 300 ms, 600 ms more, 1.2 s more: backing off
            long looks = api.takeRequests().stream()
                    .filter(r -> r.equals("GET /apis/" + ClusterInformers.SNAPSHOT_GROUP))
                    .count();
            // the two probes' looks at start (this test's and the set-up's), then this one's three
            assertThat(looks).as("discovery requests in 2.5 s").isBetween(4L, 6L);

            api.installSnapshotCrds();
            var snapshot = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
            snapshot.setApiVersion(ClusterInformers.SNAPSHOT_GROUP + "/v1");
            snapshot.setKind("VolumeSnapshot");
            snapshot.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName("snapshot-late")
                    .withNamespace("shop")
                    .build());
            snapshot.setAdditionalProperty("spec", Map.of("persistentVolumeClaimName", "data-db-0"));
            api.admin
                    .genericKubernetesResources(ClusterInformers.VOLUME_SNAPSHOTS)
                    .inNamespace("shop")
                    .resource(snapshot)
                    .create();

            await(
                    "the late snapshot in a report",
                    () -> snapshots.report().topology(TopologyType.VOLUME_SNAPSHOT).nodes().values().stream()
                            .anyMatch(n ->
                                    n.latestValue(ObjectNodes.NAME).orElse("").equals("snapshot-late")));
            snapshots.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
