package io.scopecloud.probe.kubernetes;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Scope's Kubernetes tagger (host and {@code ""} roles): a container the kubelet started carries
 * the {@code io.kubernetes.pod.uid} label, and gets its pod as a parent; a pod's pause container
 * (sandbox) is marked as making no connections. Needs no API server.
 */
public final class PodTagger implements UnaryOperator<Report> {
    static final String POD_UID_LABEL = "docker_label_io.kubernetes.pod.uid";
    static final String CONTAINER_TYPE_LABEL = "docker_label_io.kubernetes.docker.type";
    static final String IMAGE_NAME = "docker_image_name";
    static final String DOES_NOT_MAKE_CONNECTIONS = "does_not_make_connections";
    private static final List<String> PAUSE_IMAGES =
            List.of("google_containers/pause", "k8s.gcr.io/pause", "registry.k8s.io/pause", "eks/pause");

    private final Clock clock;

    public PodTagger(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public Report apply(Report report) {
        Topology containers = report.topology(TopologyType.CONTAINER);
        Map<String, Node> tagged = new HashMap<>();
        for (Map.Entry<String, Node> entry : containers.nodes().entrySet()) {
            Node node = entry.getValue();
            String uid = node.latestValue(POD_UID_LABEL).orElse(null);
            if (uid == null) {
                continue;
            }
            if (isPause(node, report)) {
                node = node.withLatest(DOES_NOT_MAKE_CONNECTIONS, clock.instant(), "");
            }
            tagged.put(
                    entry.getKey(),
                    node.toBuilder()
                            .parent(TopologyType.POD.topologyName(), NodeIds.makePodId(uid))
                            .build());
        }
        if (tagged.isEmpty()) {
            return report;
        }
        Map<String, Node> all = new HashMap<>(containers.nodes());
        all.putAll(tagged);
        return report.withTopology(TopologyType.CONTAINER, containers.withNodes(all));
    }

    private static boolean isPause(Node container, Report report) {
        if ("podsandbox".equals(container.latestValue(CONTAINER_TYPE_LABEL).orElse(null))) {
            return true;
        }
        for (String imageId :
                container.parents().getOrDefault(TopologyType.CONTAINER_IMAGE.topologyName(), List.of())) {
            Node image = report.topology(TopologyType.CONTAINER_IMAGE).nodes().get(imageId);
            String name = image == null ? null : image.latestValue(IMAGE_NAME).orElse(null);
            if (name != null && PAUSE_IMAGES.stream().anyMatch(name::contains)) {
                return true;
            }
        }
        return false;
    }
}
