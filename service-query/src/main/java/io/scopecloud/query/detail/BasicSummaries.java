package io.scopecloud.query.detail;

import io.scopecloud.query.render.Ids;
import io.scopecloud.query.render.Keys;
import io.scopecloud.query.render.RenderNode;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.util.Map;
import java.util.Optional;

/** Scope's label, minor label, rank and shape of each kind of node (render/detailed/summary.go). */
final class BasicSummaries {
    private static final Map<String, String> POD_GROUP_TYPE_NAMES = Map.of(
            "deployment", "Deployment",
            "daemon_set", "DaemonSet",
            "stateful_set", "StatefulSet",
            "cron_job", "CronJob",
            "job", "Job");

    private BasicSummaries() {}

    /** The summary of {@code n}, or empty for nodes Scope does not draw (endpoints, unknown kinds). */
    static Optional<BasicSummary> of(Report r, RenderNode n) {
        BasicSummary base = new BasicSummary(n.id(), n.id(), "", "", "triangle", "", false, false);
        Optional<Topology> topology = topology(r, n.topology());
        if (topology.isPresent()) {
            base = base.shape(shape(topology.get())).tag(topology.get().tag());
        }
        String t = n.topology();
        return switch (t) {
            case Ids.PSEUDO -> Optional.of(pseudo(base, n));
            case "process" -> Optional.of(process(base, n));
            case "container" -> Optional.of(container(base, n));
            case "container_image" -> Optional.of(containerImage(base, n));
            case "pod" ->
                Optional.of(kubernetes(base, n).labelMinor(pluralize(n, "container", "container", "containers")));
            case "service", "deployment", "daemon_set", "stateful_set", "cron_job", "job" ->
                Optional.of(podGroup(base, n));
            case "ecs_task" ->
                Optional.of(base.label(n.latestValue(Keys.ECS_TASK_FAMILY)
                        .filter(s -> !s.isEmpty())
                        .orElseGet(() -> Ids.parseTagged(n.id(), "ecs_task").orElse(""))));
            case "ecs_service" -> Optional.of(base.label(ecsServiceName(n.id())).stacked());
            case "swarm_service" ->
                Optional.of(base.label(n.latestValue(Keys.DOCKER_SERVICE_NAME)
                        .filter(s -> !s.isEmpty())
                        .orElseGet(
                                () -> Ids.parseTagged(n.id(), "swarm_service").orElse(""))));
            case "host" -> Optional.of(host(base, n));
            case "overlay" -> Optional.of(weave(base, n));
            case "endpoint" -> Optional.empty();
            case "persistent_volume",
                    "persistent_volume_claim",
                    "storage_class",
                    "volume_snapshot",
                    "volume_snapshot_data" -> Optional.of(kubernetes(base, n));
            default -> {
                if (t.startsWith("group:")) {
                    yield Optional.of(group(base, r, n));
                }
                yield topology.isPresent() ? Optional.of(base) : Optional.empty();
            }
        };
    }

    static Optional<Topology> topology(Report r, String name) {
        return TopologyType.fromTopologyName(name).map(r::topology);
    }

    private static String shape(Topology t) {
        return t.shape().isEmpty() ? "circle" : t.shape();
    }

    private static BasicSummary pseudo(BasicSummary base, RenderNode n) {
        String id = n.id();
        BasicSummary b = base.asPseudo().rank(Ids.pseudoSuffix(id));
        if (Ids.INCOMING_INTERNET.equals(id)) {
            return b.label("The Internet").labelMinor("Inbound connections").shape("cloud");
        }
        if (Ids.OUTGOING_INTERNET.equals(id)) {
            return b.label("The Internet").labelMinor("Outbound connections").shape("cloud");
        }
        if (id.startsWith(Ids.SERVICE_PREFIX)) {
            return b.label(id.substring(Ids.SERVICE_PREFIX.length()))
                    .labelMinor("")
                    .shape("cloud");
        }
        if (id.startsWith(Ids.UNCONTAINED_PREFIX)) {
            return b.label("Uncontained")
                    .labelMinor(id.substring(Ids.UNCONTAINED_PREFIX.length()))
                    .shape("square")
                    .stacked();
        }
        if (id.startsWith(Ids.UNMANAGED_PREFIX)) {
            return b.label("Unmanaged")
                    .labelMinor(id.substring(Ids.UNMANAGED_PREFIX.length()))
                    .shape("square")
                    .stacked();
        }
        Optional<Ids.EndpointParts> endpoint = Ids.parseEndpoint(id);
        if (endpoint.isPresent()) {
            return b.label(endpoint.get().address()).shape("circle");
        }
        return b.label(Ids.pseudoSuffix(id));
    }

    private static BasicSummary process(BasicSummary base, RenderNode n) {
        String[] parts = Ids.split2(n.id()).orElse(new String[] {"", ""});
        String hostId = parts[0];
        String pid = parts[1];
        String name = n.latestValue(Keys.NAME).orElse("");
        String container = n.latestValue(Keys.DOCKER_CONTAINER_NAME).orElse("");
        if (!name.isEmpty() && !container.isEmpty()) {
            return base.label(name)
                    .labelMinor(hostId + " (" + container + ":" + pid + ")")
                    .rank(name);
        }
        if (!name.isEmpty()) {
            return base.label(name).labelMinor(hostId + " (" + pid + ")").rank(name);
        }
        if (!container.isEmpty()) {
            return base.label(pid).labelMinor(hostId + " (" + container + ")").rank(hostId);
        }
        return base.label(pid).labelMinor(hostId).rank(hostId);
    }

    private static BasicSummary container(BasicSummary base, RenderNode n) {
        String name = renderableContainerName(n);
        String host = Ids.hostId(n);
        String image = n.latestValue(Keys.DOCKER_IMAGE_NAME).orElse("");
        BasicSummary b = base.label(name).labelMinor(host);
        if (!image.isEmpty()) {
            return b.rank(Ids.imageNameWithoutTag(image));
        }
        return b.rank(host.isEmpty() ? name : host);
    }

    /** A readable container name: orchestrators' labels first, since they mangle Docker's names. */
    static String renderableContainerName(RenderNode n) {
        for (String key : new String[] {
            Keys.DOCKER_LABEL_PREFIX + "com.amazonaws.ecs.container-name",
            Keys.DOCKER_LABEL_PREFIX + "io.kubernetes.container.name",
            Keys.DOCKER_ENV_PREFIX + "MARATHON_APP_ID",
            Keys.DOCKER_CONTAINER_NAME,
            Keys.DOCKER_CONTAINER_HOSTNAME
        }) {
            Optional<String> v = n.latestValue(key);
            if (v.isPresent()) {
                return v.get();
            }
        }
        String id = Ids.parseTagged(n.id(), "container").orElse("");
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static BasicSummary containerImage(BasicSummary base, RenderNode n) {
        String imageName = n.latestValue(Keys.DOCKER_IMAGE_NAME).orElse("");
        String withoutTag = Ids.imageNameWithoutTag(imageName);
        String label;
        if (!withoutTag.isEmpty() && !withoutTag.equals("<none>")) {
            label = withoutTag;
        } else if (!imageName.isEmpty() && !imageName.equals("<none>")) {
            label = imageName;
        } else {
            label = Ids.parseTagged(n.id(), "container_image").orElse("");
        }
        return base.label(label)
                .labelMinor(pluralize(n, "container", "container", "containers"))
                .rank(label)
                .stacked();
    }

    private static BasicSummary kubernetes(BasicSummary base, RenderNode n) {
        String name = n.latestValue(Keys.KUBERNETES_NAME).orElse("");
        String namespace = n.latestValue(Keys.KUBERNETES_NAMESPACE).orElse("");
        String label =
                !name.isEmpty() ? name : Ids.split2(n.id()).map(p -> p[0]).orElse("");
        return base.label(label).rank(namespace + "/" + label);
    }

    private static BasicSummary podGroup(BasicSummary base, RenderNode n) {
        BasicSummary b = kubernetes(base, n).stacked();
        String count = pluralize(n, "pod", "pod", "pods");
        String typeName = POD_GROUP_TYPE_NAMES.get(n.topology());
        return b.labelMinor(typeName == null ? count : typeName + " of " + count);
    }

    private static String ecsServiceName(String id) {
        Optional<String[]> parts = Ids.split2(id);
        if (parts.isEmpty()) {
            return "";
        }
        return parts.get()[1].equals("<ecs_service>") ? parts.get()[0] : parts.get()[1];
    }

    private static BasicSummary host(BasicSummary base, RenderNode n) {
        String hostname = Ids.parseTagged(n.id(), "host").orElse("");
        int dot = hostname.indexOf('.');
        if (dot >= 0) {
            String rest = hostname.substring(dot + 1);
            return base.label(hostname.substring(0, dot)).labelMinor(rest).rank(rest);
        }
        return base.label(hostname);
    }

    private static BasicSummary weave(BasicSummary base, RenderNode n) {
        String nickname = n.latestValue(Keys.WEAVE_PEER_NICK_NAME).orElse("");
        String id = n.id();
        String peerName = "";
        if (id.startsWith("#")) {
            peerName = id.startsWith("docker_peer_", 1) ? id.substring(1 + "docker_peer_".length()) : id.substring(1);
        }
        return base.label(nickname.isEmpty() ? peerName : nickname).labelMinor(peerName);
    }

    private static BasicSummary group(BasicSummary base, Report r, RenderNode n) {
        BasicSummary b = base.label(n.id()).rank(n.id());
        Optional<String> grouped = Ids.groupedTopology(n.topology());
        if (grouped.isPresent()) {
            Optional<Topology> t = topology(r, grouped.get());
            if (t.isPresent()) {
                b = b.shape(shape(t.get())).tag(t.get().tag());
                if (!t.get().label().isEmpty()) {
                    b = b.labelMinor(
                            pluralize(n, grouped.get(), t.get().label(), t.get().labelPlural()));
                }
            }
        }
        return b.stacked();
    }

    static String pluralize(RenderNode n, String key, String singular, String plural) {
        int c = n.counter(key).orElse(0);
        return c + " " + (c == 1 ? singular : plural);
    }
}
