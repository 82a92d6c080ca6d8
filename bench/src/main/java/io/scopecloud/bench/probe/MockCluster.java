package io.scopecloud.bench.probe;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * fabric8's Kubernetes mock API server in CRUD mode (list and watch over real HTTP) on loopback,
 * loaded with a synthetic cluster or with the objects of a fixture directory. The volume snapshot
 * API group answers 404, as in a cluster without those CRDs.
 */
final class MockCluster implements AutoCloseable {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final String SNAPSHOT_GROUP = "/apis/volumesnapshot.external-storage.k8s.io";

    private final KubernetesMockServer server;
    private final KubernetesClient admin;
    private final List<Pod> pods = new ArrayList<>();
    private final Map<String, OwnerReference> replicaSetOfApp = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(18);
    private int changes;

    MockCluster() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new AbsentSnapshotsDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        admin = server.createClient();
    }

    String url() {
        return server.url("/");
    }

    /**
     * {@code deployments} deployments (each with its replica set and {@code pods / deployments}
     * running pods labelled as its selector says) spread over {@code namespaces} namespaces, pods
     * spread over {@code nodes} nodes, and {@code services} services selecting the deployments'
     * pods in turn.
     */
    void loadSynthetic(int namespaces, int nodes, int deployments, int podCount, int services) {
        for (int n = 0; n < namespaces; n++) {
            admin.resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace(n))
                            .endMetadata()
                            .build())
                    .create();
        }
        for (int n = 0; n < nodes; n++) {
            admin.resource(new NodeBuilder()
                            .withNewMetadata()
                            .withName(node(n))
                            .addToLabels("kubernetes.io/hostname", node(n))
                            .endMetadata()
                            .withNewStatus()
                            .addNewAddress()
                            .withType("InternalIP")
                            .withAddress("10.0." + n / 250 + "." + (n % 250 + 1))
                            .endAddress()
                            .addNewCondition()
                            .withType("Ready")
                            .withStatus("True")
                            .endCondition()
                            .addToCapacity("cpu", new Quantity("8"))
                            .addToCapacity("memory", new Quantity("32Gi"))
                            .endStatus()
                            .build())
                    .create();
        }
        int perDeployment = podCount / deployments;
        for (int d = 0; d < deployments; d++) {
            String ns = namespace(d % namespaces);
            String app = "app-" + d;
            Deployment deployment = admin.resource(new DeploymentBuilder()
                            .withNewMetadata()
                            .withNamespace(ns)
                            .withName(app)
                            .addToLabels("app", app)
                            .endMetadata()
                            .withNewSpec()
                            .withReplicas(perDeployment)
                            .withNewSelector()
                            .addToMatchLabels("app", app)
                            .endSelector()
                            .withNewStrategy()
                            .withType("RollingUpdate")
                            .endStrategy()
                            .withNewTemplate()
                            .withNewMetadata()
                            .addToLabels("app", app)
                            .endMetadata()
                            .withNewSpec()
                            .addToContainers(container(app))
                            .endSpec()
                            .endTemplate()
                            .endSpec()
                            .withNewStatus()
                            .withReplicas(perDeployment)
                            .withAvailableReplicas(perDeployment)
                            .withUpdatedReplicas(perDeployment)
                            .withUnavailableReplicas(0)
                            .endStatus()
                            .build())
                    .create();
            String hash = String.format(Locale.ROOT, "%010x", d * 2654435761L & 0xffffffffffL);
            ReplicaSet rs = admin.resource(new ReplicaSetBuilder()
                            .withNewMetadata()
                            .withNamespace(ns)
                            .withName(app + "-" + hash)
                            .addToLabels("app", app)
                            .addToLabels("pod-template-hash", hash)
                            .withOwnerReferences(owner(deployment))
                            .endMetadata()
                            .withNewSpec()
                            .withReplicas(perDeployment)
                            .withNewSelector()
                            .addToMatchLabels("app", app)
                            .addToMatchLabels("pod-template-hash", hash)
                            .endSelector()
                            .endSpec()
                            .withNewStatus()
                            .withReplicas(perDeployment)
                            .endStatus()
                            .build())
                    .create();
            replicaSetOfApp.put(app, owner(rs));
            for (int p = 0; p < perDeployment; p++) {
                pods.add(admin.resource(pod(ns, app, hash, d * perDeployment + p, nodes))
                        .create());
            }
        }
        for (int s = 0; s < services; s++) {
            int d = s % deployments;
            String app = "app-" + d;
            admin.resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withNamespace(namespace(d % namespaces))
                            .withName(s < deployments ? app : app + "-" + (s / deployments))
                            .endMetadata()
                            .withNewSpec()
                            .withType("ClusterIP")
                            .withClusterIP("10.96." + s / 250 + "." + (s % 250 + 1))
                            .addToSelector("app", app)
                            .addNewPort()
                            .withName("http")
                            .withProtocol("TCP")
                            .withPort(80 + s / deployments)
                            .endPort()
                            .endSpec()
                            .build())
                    .create();
        }
    }

    /** The objects of a fixture's YAML files, as FixtureApiServer in the probe's tests loads them. */
    void loadFixture(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            // the probe reads CronJobs from batch/v1 (v1beta1, which Scope asked for, is gone since 1.25)
            String yaml = Files.readString(file).replace("apiVersion: batch/v1beta1", "apiVersion: batch/v1");
            DOCUMENT_SEPARATOR
                    .splitAsStream(yaml)
                    .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
                    .forEach(doc -> admin.resource(Serialization.unmarshal(doc, HasMetadata.class))
                            .create());
        }
    }

    int pods() {
        return pods.size();
    }

    /**
     * One change, as a busy cluster makes them: mostly a pod's label edited (a MODIFIED event),
     * every fifth a pod replaced by a new one of the same replica set (DELETED, ADDED).
     */
    void change() {
        int i = random.nextInt(pods.size());
        Pod pod = pods.get(i);
        changes++;
        if (changes % 5 == 0) {
            admin.resource(pod).delete();
            String app = pod.getMetadata().getLabels().get("app");
            String hash = pod.getMetadata().getLabels().get("pod-template-hash");
            Pod replacement = pod(pod.getMetadata().getNamespace(), app, hash, 1_000_000 + changes, 50);
            pods.set(i, admin.resource(replacement).create());
        } else {
            pods.set(
                    i,
                    admin.pods()
                            .inNamespace(pod.getMetadata().getNamespace())
                            .withName(pod.getMetadata().getName())
                            .edit(p -> new PodBuilder(p)
                                    .editMetadata()
                                    .addToLabels("bench-revision", Integer.toString(changes))
                                    .endMetadata()
                                    .build()));
        }
    }

    private Pod pod(String ns, String app, String hash, int index, int nodes) {
        String suffix = Integer.toString(index, 36);
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(app + "-" + hash + "-" + suffix)
                .addToLabels("app", app)
                .addToLabels("pod-template-hash", hash)
                .withOwnerReferences(replicaSetOfApp.get(app))
                .endMetadata()
                .withNewSpec()
                .withNodeName(node(index % nodes))
                .addToContainers(container(app))
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withHostIP("10.0." + (index % nodes) / 250 + "." + ((index % nodes) % 250 + 1))
                .withPodIP("10.244." + index / 250 % 250 + "." + (index % 250 + 1))
                .addToContainerStatuses(new ContainerStatusBuilder()
                        .withName(app)
                        .withImage("registry.example/" + app + ":1.0")
                        .withReady(true)
                        .withRestartCount(0)
                        .withContainerID("containerd://" + String.format(Locale.ROOT, "%064x", (long) index))
                        .build())
                .endStatus()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.Container container(String app) {
        return new ContainerBuilder()
                .withName(app)
                .withImage("registry.example/" + app + ":1.0")
                .addNewPort()
                .withContainerPort(8080)
                .endPort()
                .build();
    }

    private static OwnerReference owner(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .build();
    }

    private static String namespace(int n) {
        return String.format(Locale.ROOT, "team-%02d", n);
    }

    private static String node(int n) {
        return String.format(Locale.ROOT, "node-%02d", n);
    }

    @Override
    public void close() {
        admin.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // Vert.x may still be closing a watch the probe dropped; the port is freed anyway
        }
    }

    /** CRUD mode, and a 404 for the volume snapshot group (its CRDs are absent, as in most clusters). */
    private static final class AbsentSnapshotsDispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (request.getPath().startsWith(SNAPSHOT_GROUP)) {
                return new MockResponse()
                        .setResponseCode(404)
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"reason\":\"NotFound\",\"code\":404}");
            }
            return super.dispatch(request);
        }
    }
}
