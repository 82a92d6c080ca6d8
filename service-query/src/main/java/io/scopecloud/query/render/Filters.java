package io.scopecloud.query.render;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Scope's filter functions (render/filters.go) and its base transform. */
public final class Filters {
    public static final String IS_CONNECTED = "is_connected";
    private static final String K8S_NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
    private static final String SWARM_NAMESPACE_LABEL = "com.docker.stack.namespace";
    private static final Set<String> SYSTEM_CONTAINER_NAMES =
            Set.of("weavescope", "weavedns", "weave", "weaveproxy", "weaveexec", "ecs-agent");
    private static final Set<String> SYSTEM_IMAGE_PREFIXES = Set.of(
            "swarm",
            "weaveworks/scope",
            "weaveworks/weavedns",
            "weaveworks/weave",
            "weaveworks/weaveproxy",
            "weaveworks/weaveexec",
            "amazon/amazon-ecs-agent",
            "openshift/origin-pod",
            "docker.io/openshift/origin-pod");

    private Filters() {}

    public static final Filter IS_PSEUDO_TOPOLOGY = n -> Ids.PSEUDO.equals(n.topology());

    public static final Filter CONNECTED = n -> n.hasLatest(IS_CONNECTED);

    /** Real nodes, plus the Internet and known services (which are pseudo nodes). */
    public static final Filter NOT_PSEUDO =
            n -> !Ids.PSEUDO.equals(n.topology()) || Ids.isInternet(n.id()) || n.id().startsWith(Ids.SERVICE_PREFIX);

    public static final Filter RUNNING = n -> {
        String state = n.latestValue(Keys.DOCKER_CONTAINER_STATE).orElse(null);
        return state == null
                || state.equals(Keys.STATE_RUNNING)
                || state.equals(Keys.STATE_RESTARTING)
                || state.equals(Keys.STATE_PAUSED);
    };

    public static final Filter STOPPED = Filter.not(RUNNING);

    public static final Filter APPLICATION = Filters::isApplication;

    public static final Filter SYSTEM = Filter.not(APPLICATION);

    public static final Filter POD_COMPONENT = n -> !(n.topology().equals("persistent_volume")
            || n.topology().equals("persistent_volume_claim")
            || n.topology().equals("storage_class"));

    public static final Filter NON_SNAPSHOT_COMPONENT =
            n -> !(n.topology().equals("volume_snapshot") || n.topology().equals("volume_snapshot_data"));

    private static boolean isApplication(RenderNode n) {
        if (SYSTEM_CONTAINER_NAMES.contains(latest(n, Keys.DOCKER_CONTAINER_NAME))) {
            return false;
        }
        String imageName = latest(n, Keys.DOCKER_IMAGE_NAME);
        int colon = imageName.indexOf(':');
        String imagePrefix = colon < 0 ? imageName : imageName.substring(0, colon);
        if (SYSTEM_IMAGE_PREFIXES.contains(imagePrefix) || Ids.isPauseImageName(imagePrefix)) {
            return false;
        }
        if (latest(n, Keys.DOCKER_LABEL_PREFIX + "io.kubernetes.docker.type").equals("podsandbox")) {
            return false;
        }
        if (latest(n, Keys.DOCKER_LABEL_PREFIX + "works.weave.role").equals("system")
                || latest(n, Keys.DOCKER_IMAGE_LABEL_PREFIX + "works.weave.role")
                        .equals("system")) {
            return false;
        }
        if (latest(n, Keys.DOCKER_LABEL_PREFIX + K8S_NAMESPACE_LABEL).equals("kube-system")) {
            return false;
        }
        return !latest(n, Keys.DOCKER_LABEL_PREFIX + "io.kubernetes.pod.name").startsWith("kube-system/");
    }

    private static String latest(RenderNode n, String key) {
        return n.latestValue(key).orElse("");
    }

    /** Nodes of a Kubernetes namespace, or a swarm stack ({@code No stack} for docker without one). */
    public static Filter namespace(String namespace) {
        return n -> {
            String got = "";
            for (String key : new String[] {
                Keys.KUBERNETES_NAMESPACE,
                Keys.DOCKER_LABEL_PREFIX + K8S_NAMESPACE_LABEL,
                Keys.DOCKER_DEFAULT_NAMESPACE,
                Keys.DOCKER_LABEL_PREFIX + SWARM_NAMESPACE_LABEL
            }) {
                var v = n.latestValue(key);
                if (v.isPresent()) {
                    got = v.get();
                    break;
                }
            }
            if (namespace.equals(Keys.DOCKER_DEFAULT_NAMESPACE) && got.isEmpty()) {
                return true;
            }
            return namespace.equals(got);
        };
    }

    /** Ids of nodes with an edge to or from another node (self edges do not count). */
    static Set<String> connected(Map<String, RenderNode> nodes) {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, RenderNode> e : nodes.entrySet()) {
            for (String a : e.getValue().adjacencySet()) {
                if (!a.equals(e.getKey())) {
                    out.add(e.getKey());
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * Scope's base transform ({@code FilterUnconnectedPseudo}): drops the Internet-to-Internet edge
     * and the pseudo nodes left without edges.
     */
    public static final Transformer UNCONNECTED_PSEUDO = in -> {
        Map<String, RenderNode> out = new HashMap<>(in.nodes());
        RenderNode incoming = out.get(Ids.INCOMING_INTERNET);
        if (incoming != null && incoming.adjacencySet().contains(Ids.OUTGOING_INTERNET)) {
            Object owner = new Object();
            RenderNode copy = incoming.copy(owner);
            Set<String> kept = new HashSet<>(incoming.adjacencySet());
            kept.remove(Ids.OUTGOING_INTERNET);
            copy.setAdjacency(owner, kept);
            out.put(Ids.INCOMING_INTERNET, copy);
        }
        Set<String> connected = connected(out);
        int filtered = in.filtered();
        var it = out.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!connected.contains(e.getKey()) && IS_PSEUDO_TOPOLOGY.test(e.getValue())) {
                it.remove();
                filtered++;
            }
        }
        return new Nodes(out, filtered);
    };
}
