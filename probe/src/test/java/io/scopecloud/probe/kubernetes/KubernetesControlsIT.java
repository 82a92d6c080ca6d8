package io.scopecloud.probe.kubernetes;

import static io.scopecloud.probe.kubernetes.KubernetesReporterIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.pipe.FakePipeClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each Kubernetes control against the fixture cluster on fabric8's mock API server makes the
 * request Weave Scope 1.13's probe made for it ({@code controls-requests.log} of the fixtures).
 * CRUD mode has no scale subresource, pod logs or strategic-merge patches: those are answered
 * here as the API server does, from the stored objects.
 */
class KubernetesControlsIT {
    private static final String POD = "7dfd3608-95bd-570a-9bad-6df031c56997;<pod>";
    private static final String DELETED_POD = "c2d66489-d4d5-5339-b39c-284e8a1148c6;<pod>";
    private static final String DEPLOYMENT = "0c644b41-5148-5f88-8bed-f1326112b69d;<deployment>";
    private static final String CLAIM = "631afdd9-e49f-57a2-852e-b8ae9ddbc70f;<persistent_volume_claim>";
    private static final String LOG_PATH = "/api/v1/namespaces/shop/pods/frontend-tlzndpdtx5-z9mmb/log";
    private static final String SCALE_PATH = "/apis/apps/v1/namespaces/shop/deployments/frontend/scale";

    private FixtureApiServer api;
    private KubernetesClient client;
    private ClusterInformers informers;
    private final FakePipeClient pipes = new FakePipeClient();
    private final ControlRegistry controls = new ControlRegistry();

    @BeforeEach
    void start() throws InterruptedException {
        api = new FixtureApiServer().loadCluster();
        api.takeRecorded(); // the test's own loading
        client = new KubernetesClientBuilder()
                .withConfig(ClientConfigs.from(KubernetesOptions.cluster(api.url()), Map.of()))
                .build();
        informers = new ClusterInformers(client, Duration.ofSeconds(10));
        informers.start(new ClusterInformers.PodListener() {
            @Override
            public void changed(io.fabric8.kubernetes.api.model.Pod pod) {}

            @Override
            public void deleted(io.fabric8.kubernetes.api.model.Pod pod) {}
        });
        await("informers synced", informers::synced);
        new KubernetesControls(client, informers, pipes, Clock.systemUTC()).register(controls);
        seen.addAll(api.takeRecorded()); // the informers' lists and watches
    }

    /** Every request the probe made in the test; the manifests' ClusterRole must allow each. */
    private final List<RecordedRequest> seen = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        seen.addAll(api.takeRecorded());
        java.util.Set<String> grants = ProbeManifests.grants();
        for (RecordedRequest request : seen) {
            ProbeManifests.needed(request).ifPresent(needed -> assertThat(grants)
                    .as("infra/kubernetes/probe/rbac.yaml grants %s for %s", needed, line(request))
                    .contains(needed));
        }
        informers.close();
        client.close();
        api.close();
    }

    private ControlResponse run(String control, String nodeId) {
        return controls.handle(new ControlRequest("app", nodeId, control, null));
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> taken = api.takeRecorded();
        seen.addAll(taken);
        return taken.stream().filter(r -> !r.getPath().contains("watch=true")).toList();
    }

    /** The request's body, read without consuming it. */
    private static String body(RecordedRequest r) {
        return new String(r.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static String line(RecordedRequest r) {
        return r.getMethod() + " " + r.getPath();
    }

    @Test
    void getLogsFollowsTheContainersLogWithTimestampsThroughAPipe() throws Exception {
        String log = "2026-12-05T22:05:43.463000000Z starting frontend (image ghcr.io/example/shop-frontend:2.4.1)\n"
                + "2026-12-05T22:05:44.463000000Z config loaded from /etc/frontend/config.yaml\n";
        api.dispatcher.answer(r -> r.getPath().startsWith(LOG_PATH), r -> new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "text/plain")
                .setBody(log));

        ControlResponse response = run(KubernetesTopologies.GET_LOGS, POD);

        assertThat(response.isError()).as(String.valueOf(response.error())).isFalse();
        assertThat(response.pipe()).isNotNull();
        byte[] text = pipes.ends.get(response.pipe()).output().readAllBytes();
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo(log);
        RecordedRequest request = requests().stream()
                .filter(r -> r.getPath().startsWith(LOG_PATH))
                .findFirst()
                .orElseThrow();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath())
                .contains("container=frontend")
                .contains("follow=true")
                .contains("timestamps=true");
        pipes.close(response.pipe());
    }

    @Test
    void deleteDeletesThePodAndNamesTheRemovedNode() throws Exception {
        ControlResponse response = run(KubernetesTopologies.DELETE_POD, DELETED_POD);

        assertThat(response.removedNode()).isEqualTo(DELETED_POD);
        assertThat(requests().stream().map(KubernetesControlsIT::line))
                .containsExactly("DELETE /api/v1/namespaces/shop/pods/api-ssvdbq8xhc-b974r");
        assertThat(client.pods()
                        .inNamespace("shop")
                        .withName("api-ssvdbq8xhc-b974r")
                        .get())
                .isNull();
    }

    @Test
    void scaleUpAndDownGetAndPutTheScaleSubresource() throws Exception {
        api.dispatcher.answer(r -> r.getPath().equals(SCALE_PATH), this::scaleSubresource);

        assertThat(run(KubernetesTopologies.SCALE_UP, DEPLOYMENT).isError()).isFalse();
        List<RecordedRequest> up = requests();
        assertThat(up.stream().map(KubernetesControlsIT::line))
                .containsExactly("GET " + SCALE_PATH, "PUT " + SCALE_PATH);
        assertThat(Serialization.unmarshal(body(up.get(1)), io.fabric8.kubernetes.api.model.autoscaling.v1.Scale.class)
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        assertThat(scaled.get()).isEqualTo(4);

        assertThat(run(KubernetesTopologies.SCALE_DOWN, DEPLOYMENT).isError()).isFalse();
        assertThat(scaled.get()).isEqualTo(3);
    }

    /** The deployment's replicas as the scale subresource holds them (the fixture: 3). */
    private final java.util.concurrent.atomic.AtomicInteger scaled = new java.util.concurrent.atomic.AtomicInteger(3);

    /**
     * The scale subresource as the API server serves it (the mock's dispatcher cannot call itself,
     * so it keeps the replicas here).
     */
    private MockResponse scaleSubresource(RecordedRequest request) {
        if (request.getMethod().equals("PUT")) {
            scaled.set(
                    Serialization.unmarshal(body(request), io.fabric8.kubernetes.api.model.autoscaling.v1.Scale.class)
                            .getSpec()
                            .getReplicas());
        }
        return new MockResponse()
                .setResponseCode(200)
                .setBody(Serialization.asJson(new ScaleBuilder()
                        .withNewMetadata()
                        .withName("frontend")
                        .withNamespace("shop")
                        .withUid("0c644b41-5148-5f88-8bed-f1326112b69d")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(scaled.get())
                        .endSpec()
                        .withNewStatus()
                        .withReplicas(3)
                        .withSelector("app=frontend")
                        .endStatus()
                        .build()));
    }

    @Test
    void cordonAndUncordonPatchTheNodeAsScopeDoes() throws Exception {
        // the mock cannot call itself from its dispatcher: the patched node is answered from here
        api.dispatcher.answer(
                r -> r.getMethod().equals("PATCH") && r.getPath().startsWith("/api/v1/nodes/vm"),
                r -> new MockResponse()
                        .setResponseCode(200)
                        .setBody(Serialization.asJson(new io.fabric8.kubernetes.api.model.NodeBuilder()
                                .withNewMetadata()
                                .withName("vm")
                                .endMetadata()
                                .withNewSpec()
                                .withUnschedulable(body(r).contains("true") ? Boolean.TRUE : null)
                                .endSpec()
                                .build())));

        assertThat(run(KubernetesTopologies.CORDON, "vm;<host>").isError()).isFalse();
        List<RecordedRequest> cordon = requests();
        assertThat(cordon.stream().map(KubernetesControlsIT::line))
                .containsExactly("GET /api/v1/nodes/vm", "PATCH /api/v1/nodes/vm");
        assertThat(cordon.get(1).getHeader("Content-Type")).startsWith("application/strategic-merge-patch+json");
        assertThat(body(cordon.get(1))).isEqualTo("{\"spec\":{\"unschedulable\":true}}");

        assertThat(run(KubernetesTopologies.UNCORDON, "vm;<host>").isError()).isFalse();
        List<RecordedRequest> uncordon = requests();
        assertThat(body(uncordon.get(1))).isEqualTo("{\"spec\":{\"unschedulable\":null}}");
    }

    @Test
    void describeWritesTheObjectsYamlToAPipeUsingTheProbesOwnConfiguration() throws Exception {
        ControlResponse response = run(KubernetesTopologies.DESCRIBE, DEPLOYMENT);

        assertThat(response.isError()).as(String.valueOf(response.error())).isFalse();
        InputStream output = pipes.ends.get(response.pipe()).output();
        String yaml = new String(output.readNBytes(output.available()), StandardCharsets.UTF_8);
        assertThat(yaml)
                .contains("kind: \"Deployment\"")
                .contains("name: \"frontend\"")
                .contains("replicas: 3");
        assertThat(requests().stream().map(KubernetesControlsIT::line))
                .containsExactly("GET /apis/apps/v1/namespaces/shop/deployments/frontend");
        // the pipe stays open after the text, for a UI that connects after the answer
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                return output.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(200);
        assertThat(next).isNotDone();
        pipes.close(response.pipe());
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void createSnapshotPostsAVolumeSnapshotOfTheClaim() throws Exception {
        String path = "/apis/volumesnapshot.external-storage.k8s.io/v1/namespaces/shop/volumesnapshots";
        api.dispatcher.answer(
                r -> r.getMethod().equals("POST") && r.getPath().startsWith(path),
                r -> new MockResponse().setResponseCode(201).setBody(body(r)));

        assertThat(run(KubernetesTopologies.CREATE_SNAPSHOT, CLAIM).isError()).isFalse();

        RecordedRequest post = requests().get(0);
        assertThat(line(post)).isEqualTo("POST " + path);
        var snapshot =
                Serialization.unmarshal(body(post), io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
        assertThat(snapshot.getKind()).isEqualTo("VolumeSnapshot");
        assertThat(snapshot.getMetadata().getName()).matches("snapshot-\\d{14}-\\d+");
        assertThat(snapshot.getMetadata().getAnnotations()).containsEntry("capacity", "5Gi");
        assertThat(snapshot.getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("persistentVolumeClaimName", "data-db-0", "snapshotDataName", ""));
    }

    @Test
    void cloneAndDeleteASnapshotWhereTheClusterServesThem() throws Exception {
        try (FixtureApiServer snapshots = new FixtureApiServer(true).loadCluster();
                KubernetesClient probeClient = new KubernetesClientBuilder()
                        .withConfig(ClientConfigs.from(KubernetesOptions.cluster(snapshots.url()), Map.of()))
                        .build();
                ClusterInformers cluster = new ClusterInformers(probeClient, Duration.ofSeconds(10))) {
            var snapshot = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
            snapshot.setApiVersion(ClusterInformers.SNAPSHOT_GROUP + "/v1");
            snapshot.setKind("VolumeSnapshot");
            snapshot.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName("snapshot-20261206020000-1")
                    .withNamespace("shop")
                    .withAnnotations(Map.of("capacity", "5Gi"))
                    .build());
            snapshot.setAdditionalProperty("spec", Map.of("persistentVolumeClaimName", "data-db-0"));
            snapshots
                    .admin
                    .genericKubernetesResources(ClusterInformers.VOLUME_SNAPSHOTS)
                    .inNamespace("shop")
                    .resource(snapshot)
                    .create();
            cluster.start(new ClusterInformers.PodListener() {
                @Override
                public void changed(io.fabric8.kubernetes.api.model.Pod pod) {}

                @Override
                public void deleted(io.fabric8.kubernetes.api.model.Pod pod) {}
            });
            await("the snapshot listed", () -> !cluster.volumeSnapshots().isEmpty());
            String nodeId = cluster.volumeSnapshots().get(0).getMetadata().getUid() + ";<volume_snapshot>";
            ControlRegistry registry = new ControlRegistry();
            new KubernetesControls(probeClient, cluster, pipes, Clock.systemUTC()).register(registry);
            snapshots.takeRecorded();

            ControlResponse clone =
                    registry.handle(new ControlRequest("app", nodeId, KubernetesTopologies.CLONE_SNAPSHOT, null));
            assertThat(clone.isError()).as(String.valueOf(clone.error())).isFalse();
            ControlResponse delete =
                    registry.handle(new ControlRequest("app", nodeId, KubernetesTopologies.DELETE_SNAPSHOT, null));
            assertThat(delete.removedNode()).isEqualTo(nodeId);

            List<RecordedRequest> made = snapshots.takeRecorded().stream()
                    .filter(r -> !r.getPath().contains("watch=true"))
                    .toList();
            assertThat(made.stream().map(KubernetesControlsIT::line))
                    .containsExactly(
                            "POST /api/v1/namespaces/shop/persistentvolumeclaims",
                            "DELETE /apis/volumesnapshot.external-storage.k8s.io/v1/namespaces/shop/volumesnapshots/"
                                    + "snapshot-20261206020000-1");
            var claim = Serialization.unmarshal(
                    body(made.get(0)), io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);
            assertThat(claim.getMetadata().getName()).startsWith("clone-snapshot-20261206020000-1-");
            assertThat(claim.getMetadata().getAnnotations())
                    .containsEntry("snapshot.alpha.kubernetes.io/snapshot", "snapshot-20261206020000-1");
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("snapshot-promoter");
            assertThat(claim.getSpec()
                            .getResources()
                            .getRequests()
                            .get("storage")
                            .toString())
                    .isEqualTo("5Gi");
            java.util.Set<String> grants = ProbeManifests.grants();
            for (RecordedRequest request : made) {
                ProbeManifests.needed(request)
                        .ifPresent(needed -> assertThat(grants).contains(needed));
            }
        }
    }

    @Test
    void aControlOnAnUnknownNodeSaysSo() {
        ControlResponse response = run(KubernetesTopologies.DELETE_POD, "00000000-0000-0000-0000-000000000000;<pod>");
        assertThat(response.error()).contains("not found");
        assertThat(run(KubernetesTopologies.DELETE_POD, "vm;<host>").error()).contains("not a pod node");
    }
}
