package io.scopecloud.probe.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's Kubernetes mock server in CRUD mode (a real HTTP API server with list and watch) on
 * loopback, loaded with the fixture cluster that Weave Scope 1.13's probe was pointed at. Tests
 * add expectations for what CRUD mode lacks (the scale subresource, pod logs).
 */
public final class FixtureApiServer implements AutoCloseable {
    static final String FIXTURES = "/fixtures/scope-1.13-kubernetes/";
    static final List<String> CLUSTER_FILES = List.of(
            "00-namespaces.yaml",
            "01-nodes.yaml",
            "10-shop-frontend.yaml",
            "11-shop-api.yaml",
            "12-shop-db.yaml",
            "13-shop-report.yaml",
            "20-services.yaml",
            "30-kube-system.yaml",
            "40-storage.yaml");

    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    final FixtureDispatcher dispatcher = new FixtureDispatcher();
    final KubernetesMockServer server;
    private Object absentSnapshots; // the 404s of a cluster without the snapshot CRDs
    /** A client for the test's own changes to the cluster. */
    final KubernetesClient admin;

    /** A cluster without the volume snapshot CRDs, as most are. */
    public FixtureApiServer() {
        this(false);
    }

    /** @param snapshots whether the cluster serves volumesnapshot.external-storage.k8s.io/v1 */
    public FixtureApiServer(boolean snapshots) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
        if (snapshots) {
            serveSnapshots();
        } else {
            absentSnapshots = dispatcher.answer(
                    r -> r.getPath().startsWith("/apis/" + ClusterInformers.SNAPSHOT_GROUP), r -> new MockResponse()
                            .setResponseCode(404)
                            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                                    + "\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"));
        }
        server.init(InetAddress.getLoopbackAddress(), 0);
        admin = server.createClient();
    }

    /** As if the volume snapshot CRDs were installed now: the group is discovered and served. */
    public void installSnapshotCrds() {
        dispatcher.withdraw(absentSnapshots);
        serveSnapshots();
    }

    private void serveSnapshots() {
        dispatcher.expectCustomResource(crd("volumesnapshots", "VolumeSnapshot", "Namespaced"));
        dispatcher.expectCustomResource(crd("volumesnapshotdatas", "VolumeSnapshotData", "Cluster"));
        dispatcher.answer(r -> r.getPath().equals("/apis/" + ClusterInformers.SNAPSHOT_GROUP), r -> new MockResponse()
                .setResponseCode(200)
                .setBody("{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\""
                        + ClusterInformers.SNAPSHOT_GROUP + "\",\"versions\":[{\"groupVersion\":\""
                        + ClusterInformers.SNAPSHOT_GROUP + "/v1\",\"version\":\"v1\"}],"
                        + "\"preferredVersion\":{\"groupVersion\":\"" + ClusterInformers.SNAPSHOT_GROUP
                        + "/v1\",\"version\":\"v1\"}}"));
    }

    private static CustomResourceDefinitionContext crd(String plural, String kind, String scope) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(ClusterInformers.SNAPSHOT_GROUP)
                .withVersion("v1")
                .withPlural(plural)
                .withKind(kind)
                .withScope(scope)
                .build();
    }

    public String url() {
        return server.url("/");
    }

    /** Starts a pod in {@code namespace} (a change the probe reports with a shortcut). */
    public void addPod(String namespace, String name) {
        admin.pods()
                .inNamespace(namespace)
                .resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .withUid(java.util.UUID.randomUUID().toString())
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage("busybox")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
    }

    /**
     * Loads the fixture's objects as they are (uids, timestamps, status). The CronJob was written
     * for batch/v1beta1, which Scope asked for; this probe reads batch/v1 (v1beta1 is gone since
     * Kubernetes 1.25), so it is stored there.
     */
    public FixtureApiServer loadCluster() {
        for (HasMetadata object : clusterObjects()) {
            admin.resource(object).create();
        }
        return this;
    }

    static List<HasMetadata> clusterObjects() {
        List<HasMetadata> objects = new ArrayList<>();
        for (String file : CLUSTER_FILES) {
            String yaml =
                    text(FIXTURES + "cluster/" + file).replace("apiVersion: batch/v1beta1", "apiVersion: batch/v1");
            for (String doc : yaml.split("(?m)^---\\s*$")) {
                if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                    objects.add(Serialization.unmarshal(doc, HasMetadata.class));
                }
            }
        }
        return objects;
    }

    static String text(String resource) {
        try (InputStream in = FixtureApiServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String resource) {
        try (InputStream in = FixtureApiServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests the server got so far ("METHOD path"), oldest first, taken from its queue. */
    List<String> takeRequests() throws InterruptedException {
        return takeRecorded().stream()
                .map(r -> r.getMethod() + " " + r.getPath())
                .toList();
    }

    /** The requests the server got so far, oldest first, taken from its queue. */
    List<RecordedRequest> takeRecorded() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }

    @Override
    public void close() {
        admin.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // Vert.x may still be closing a watch the informers just dropped; the port is freed anyway
            if (!String.valueOf(e.getMessage()).contains("Unable to close MockWebServer")) {
                throw e;
            }
        }
    }
}
