package io.scopecloud.query.render;

import static io.scopecloud.query.render.Combinators.colorConnected;
import static io.scopecloud.query.render.Combinators.conditional;
import static io.scopecloud.query.render.Combinators.connectionJoin;
import static io.scopecloud.query.render.Combinators.custom;
import static io.scopecloud.query.render.Combinators.derived;
import static io.scopecloud.query.render.Combinators.filter;
import static io.scopecloud.query.render.Combinators.hasChildren;
import static io.scopecloud.query.render.Combinators.map;
import static io.scopecloud.query.render.Combinators.map2Parent;
import static io.scopecloud.query.render.Combinators.mapEndpoints;
import static io.scopecloud.query.render.Combinators.memoise;
import static io.scopecloud.query.render.Combinators.propagateSingleMetrics;
import static io.scopecloud.query.render.Combinators.reduce;
import static io.scopecloud.query.render.Combinators.select;

import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weave Scope's renderers (render/process.go, container.go, pod.go, host.go, weave.go, ecs.go,
 * swarm.go), built from the same pieces in the same order, so that our views are Scope's.
 */
public final class ScopeRenderers {
    private static final Renderer ENDPOINTS = select(TopologyType.ENDPOINT);
    private static final String PROCESS = TopologyType.PROCESS.topologyName();
    private static final String CONTAINER = TopologyType.CONTAINER.topologyName();
    private static final String CONTAINER_IMAGE = TopologyType.CONTAINER_IMAGE.topologyName();
    private static final String POD = TopologyType.POD.topologyName();
    private static final String HOST = TopologyType.HOST.topologyName();
    private static final Pattern PORT_MAPPING =
            Pattern.compile("([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}):([0-9]+)->([0-9]+)/tcp");

    private ScopeRenderers() {}

    /** Renders once per report, however many views and requests use the result. */
    public static Renderer memoised(Renderer r) {
        return memoise(r);
    }

    // Processes.

    public static final Renderer PROCESS_RENDERER = memoise(ScopeRenderers::endpoints2Processes);

    public static final Renderer CONNECTED_PROCESS_RENDERER = colorConnected(PROCESS_RENDERER);

    public static final Renderer PROCESS_NAME_RENDERER =
            colorConnected(custom(ScopeRenderers::processes2Names, PROCESS_RENDERER));

    private static Nodes endpoints2Processes(RenderContext ctx) {
        if (ctx.report().topology(TopologyType.PROCESS).nodes().isEmpty()) {
            return Nodes.EMPTY;
        }
        Map<String, RenderNode> endpoints = ENDPOINTS.render(ctx).nodes();
        return mapEndpoints(
                        n -> {
                            Optional<String> pid = n.latestValue(Keys.PID);
                            if (pid.isEmpty() || hasMoreThanOneConnection(n, endpoints)) {
                                return "";
                            }
                            String hostId = Ids.hostId(n);
                            return hostId.isEmpty() ? "" : Ids.processId(hostId, pid.get());
                        },
                        TopologyType.PROCESS,
                        ENDPOINTS)
                .render(ctx);
    }

    /** A source endpoint with connections to several real endpoints may have been reused by another pid. */
    private static boolean hasMoreThanOneConnection(RenderNode n, Map<String, RenderNode> endpoints) {
        if (n.adjacencySet().size() < 2) {
            return false;
        }
        String first = null;
        for (String endpointId : n.adjacency()) {
            RenderNode ep = endpoints.get(endpointId);
            String real = ep == null ? endpointId : ep.latestValue(Keys.COPY_OF).orElse(endpointId);
            if (first == null) {
                first = real;
            } else if (!first.equals(real)) {
                return true;
            }
        }
        return false;
    }

    private static final String PROCESS_NAME_TOPOLOGY = Ids.groupTopology(PROCESS, Keys.NAME);

    private static Nodes processes2Names(RenderContext ctx, Nodes processes) {
        JoinResults ret = new JoinResults(ctx.now());
        for (RenderNode n : processes.nodes().values()) {
            if (Ids.PSEUDO.equals(n.topology())) {
                ret.passThrough(n);
            } else {
                n.latestValue(Keys.NAME).ifPresent(name -> ret.addChildAndChildren(n, name, PROCESS_NAME_TOPOLOGY));
            }
        }
        return ret.result(processes);
    }

    // Containers.

    public static final Renderer CONTAINER_RENDERER = memoise(filter(
            n -> !n.latestValue(Keys.DOCKER_CONTAINER_STATE)
                    .filter(Keys.STATE_DELETED::equals)
                    .isPresent(),
            reduce(
                    map(ScopeRenderers::mapProcess2Container, PROCESS_RENDERER),
                    connectionJoin(ScopeRenderers::mapContainer2Ip, TopologyType.CONTAINER, ENDPOINTS))));

    private static RenderNode mapProcess2Container(RenderNode n) {
        if (Ids.PSEUDO.equals(n.topology())) {
            return n;
        }
        Optional<String> containerId = n.latestValue(Keys.DOCKER_CONTAINER_ID);
        if (containerId.isPresent()) {
            return derived(Ids.makeTagged(containerId.get(), CONTAINER), CONTAINER, n);
        }
        String hostId = Ids.beforeFirstSemicolon(n.id());
        return derived(Ids.pseudoId(Ids.UNCONTAINED, hostId), Ids.PSEUDO, n);
    }

    /** A container's IPs (and host port mappings), to join it with the endpoints directly. */
    static List<String> mapContainer2Ip(RenderNode m) {
        if (m.hasLatest(Keys.DOES_NOT_MAKE_CONNECTIONS) || m.hasLatest(Keys.DOCKER_IS_IN_HOST_NETWORK)) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String addr : m.sets().getOrDefault(Keys.DOCKER_CONTAINER_IPS_WITH_SCOPES, List.of())) {
            Optional<String[]> parts = Ids.split2(addr);
            if (parts.isEmpty() || Ids.isLoopback(parts.get()[1])) {
                continue;
            }
            result.add(Ids.scopedEndpoint(parts.get()[0], parts.get()[1], ""));
        }
        for (String mapping : m.sets().getOrDefault(Keys.DOCKER_CONTAINER_PORTS, List.of())) {
            Matcher matcher = PORT_MAPPING.matcher(mapping);
            if (matcher.find()) {
                result.add(Ids.scopedEndpoint("", matcher.group(1), matcher.group(2)));
            }
        }
        return result;
    }

    public static final Renderer CONTAINER_WITH_IMAGE_NAME_RENDERER = memoise(ScopeRenderers::containersWithImageNames);

    private static Nodes containersWithImageNames(RenderContext ctx) {
        Nodes containers = CONTAINER_RENDERER.render(ctx);
        Map<String, RenderNode> images =
                select(TopologyType.CONTAINER_IMAGE).render(ctx).nodes();
        Map<String, RenderNode> out = new HashMap<>(containers.nodes());
        Object owner = new Object();
        // Many containers share an image: parse each image's name once.
        Map<String, String> imageNodeIds = new HashMap<>();
        containers.nodes().forEach((id, c) -> {
            Optional<String> imageId = c.latestValue(Keys.DOCKER_IMAGE_ID);
            if (imageId.isEmpty()) {
                return;
            }
            RenderNode image = images.get(Ids.makeTagged(imageId.get(), CONTAINER_IMAGE));
            if (image == null) {
                return;
            }
            String imageNodeId = imageNodeIds.computeIfAbsent(image.id(), k -> containerImageNodeId(image));
            if (imageNodeId.isEmpty()) {
                return;
            }
            RenderNode copy = c.copy(owner);
            for (String key : List.of(
                    Keys.DOCKER_IMAGE_NAME,
                    Keys.DOCKER_IMAGE_TAG,
                    Keys.DOCKER_IMAGE_SIZE,
                    Keys.DOCKER_IMAGE_VIRTUAL_SIZE,
                    Keys.DOCKER_IMAGE_LABEL_PREFIX + "works.weave.role")) {
                LatestEntry from = image.latest().get(key);
                LatestEntry mine = copy.latest().get(key);
                if (from != null && (mine == null || mine.timestamp().isBefore(from.timestamp()))) {
                    copy.putLatest(owner, key, from.timestamp(), from.value());
                }
            }
            copy.replaceParents(owner, CONTAINER_IMAGE, List.of(imageNodeId));
            out.put(id, copy);
        });
        return new Nodes(out, containers.filtered());
    }

    static String containerImageNodeId(RenderNode n) {
        Optional<String> imageName = n.latestValue(Keys.DOCKER_IMAGE_NAME);
        if (imageName.isEmpty()) {
            return "";
        }
        return Ids.makeTagged(Ids.imageNameWithoutTag(imageName.get()), CONTAINER_IMAGE);
    }

    public static final Renderer CONTAINER_IMAGE_RENDERER = memoise(filter(
            hasChildren(CONTAINER),
            map(
                    n -> {
                        if (Ids.PSEUDO.equals(n.topology())) {
                            return n;
                        }
                        String id = containerImageNodeId(n);
                        return id.isEmpty() ? null : n.withIdAndTopology(id, n.topology(), new Object());
                    },
                    ScopeRenderers::containerImages)));

    private static Nodes containerImages(RenderContext ctx) {
        Nodes containers = CONTAINER_WITH_IMAGE_NAME_RENDERER.render(ctx);
        JoinResults ret =
                new JoinResults(select(TopologyType.CONTAINER_IMAGE).render(ctx).nodes(), ctx.now());
        for (RenderNode n : containers.nodes().values()) {
            if (Ids.PSEUDO.equals(n.topology())) {
                ret.passThrough(n);
                continue;
            }
            n.latestValue(Keys.DOCKER_IMAGE_ID)
                    .ifPresent(imageId ->
                            ret.addChildAndChildren(n, Ids.makeTagged(imageId, CONTAINER_IMAGE), CONTAINER_IMAGE));
        }
        return ret.result(containers);
    }

    private static final String CONTAINER_HOSTNAME_TOPOLOGY =
            Ids.groupTopology(CONTAINER, Keys.DOCKER_CONTAINER_HOSTNAME);

    public static final Renderer CONTAINER_HOSTNAME_RENDERER = filter(hasChildren(CONTAINER), ctx -> {
        Nodes containers = CONTAINER_WITH_IMAGE_NAME_RENDERER.render(ctx);
        JoinResults ret = new JoinResults(ctx.now());
        for (RenderNode n : containers.nodes().values()) {
            if (Ids.PSEUDO.equals(n.topology())) {
                ret.passThrough(n);
                continue;
            }
            n.latestValue(Keys.DOCKER_CONTAINER_HOSTNAME)
                    .ifPresent(h -> ret.addChildAndChildren(n, h, CONTAINER_HOSTNAME_TOPOLOGY));
        }
        return ret.result(containers);
    });

    // Kubernetes.

    private static final List<TopologyType> KUBERNETES = List.of(
            TopologyType.POD,
            TopologyType.SERVICE,
            TopologyType.DEPLOYMENT,
            TopologyType.DAEMON_SET,
            TopologyType.STATEFUL_SET,
            TopologyType.CRON_JOB,
            TopologyType.PERSISTENT_VOLUME,
            TopologyType.PERSISTENT_VOLUME_CLAIM,
            TopologyType.STORAGE_CLASS,
            TopologyType.JOB);

    static boolean hasKubernetes(RenderContext ctx) {
        Report r = ctx.report();
        return KUBERNETES.stream().anyMatch(t -> !r.topology(t).nodes().isEmpty());
    }

    @SuppressWarnings("UnnecessaryLambda") // a named filter, as in Filters, for the renderer below to compose
    private static final Filter NOT_PAUSE = n ->
            !n.latestValue(Keys.DOCKER_IMAGE_NAME).filter(Ids::isPauseImageName).isPresent();

    public static final Renderer POD_RENDERER = memoise(conditional(
            ScopeRenderers::hasKubernetes,
            filter(
                    n -> n.latestValue(Keys.KUBERNETES_STATE)
                            .map(s -> !(s.equals(Keys.STATE_DELETED) || s.equals(Keys.STATE_FAILED)))
                            .orElse(true),
                    reduce(
                            propagateSingleMetrics(
                                    CONTAINER,
                                    map(
                                            ScopeRenderers::propagatePodHost,
                                            map2Parent(
                                                    filter(
                                                            Filter.all(List.of(Filters.RUNNING, NOT_PAUSE)),
                                                            CONTAINER_WITH_IMAGE_NAME_RENDERER),
                                                    List.of(POD),
                                                    Ids.UNMANAGED))),
                            connectionJoin(ScopeRenderers::mapPod2Ip, TopologyType.POD, ENDPOINTS),
                            VolumeRenderers.KUBERNETES_VOLUMES))));

    /** Pods have no host parent of their own: take their first child's. */
    private static RenderNode propagatePodHost(RenderNode n) {
        if (!POD.equals(n.topology()) || n.parents().containsKey(HOST)) {
            return n;
        }
        for (RenderNode child : n.children()) {
            List<String> hosts = child.parents(HOST);
            if (!hosts.isEmpty()) {
                Object owner = new Object();
                RenderNode copy = n.copy(owner);
                hosts.forEach(h -> copy.addParent(owner, HOST, h));
                return copy;
            }
        }
        return n;
    }

    private static List<String> mapPod2Ip(RenderNode m) {
        if (m.hasLatest(Keys.KUBERNETES_IS_IN_HOST_NETWORK)) {
            return List.of();
        }
        return m.latestValue(Keys.KUBERNETES_IP)
                .filter(ip -> !ip.isEmpty())
                .map(ip -> List.of(Ids.scopedEndpoint("", ip, "")))
                .orElse(List.of());
    }

    /** Scope's {@code renderParents}: children mapped to parents, joined with the parents' own topologies. */
    static Renderer renderParents(
            String childTopology, List<TopologyType> parents, String noParentsPseudoId, Renderer child) {
        Renderer[] parts = new Renderer[parents.size() + 1];
        for (int i = 0; i < parents.size(); i++) {
            parts[i] = select(parents.get(i));
        }
        parts[parents.size()] = propagateSingleMetrics(
                childTopology,
                map2Parent(
                        child, parents.stream().map(TopologyType::topologyName).toList(), noParentsPseudoId));
        return reduce(parts);
    }

    public static final Renderer POD_SERVICE_RENDERER = conditional(
            ScopeRenderers::hasKubernetes, renderParents(POD, List.of(TopologyType.SERVICE), "", POD_RENDERER));

    public static final Renderer KUBE_CONTROLLER_RENDERER = conditional(
            ScopeRenderers::hasKubernetes,
            renderParents(
                    POD,
                    List.of(
                            TopologyType.DEPLOYMENT,
                            TopologyType.DAEMON_SET,
                            TopologyType.STATEFUL_SET,
                            TopologyType.CRON_JOB,
                            TopologyType.JOB),
                    Ids.UNMANAGED,
                    POD_RENDERER));

    // Hosts.

    public static final Renderer HOST_RENDERER = reduce(
            custom(ScopeRenderers::nodes2Hosts, PROCESS_RENDERER),
            custom(ScopeRenderers::nodes2Hosts, CONTAINER_RENDERER),
            custom(ScopeRenderers::nodes2Hosts, CONTAINER_IMAGE_RENDERER),
            custom(ScopeRenderers::nodes2Hosts, POD_RENDERER),
            mapEndpoints(n -> n.latestValue(Keys.HOST_NODE_ID).orElse(""), TopologyType.HOST, ENDPOINTS));

    private static Nodes nodes2Hosts(RenderContext ctx, Nodes nodes) {
        JoinResults ret = new JoinResults(ctx.now());
        for (RenderNode n : nodes.nodes().values()) {
            if (Ids.PSEUDO.equals(n.topology())) {
                continue;
            }
            boolean isImage = CONTAINER_IMAGE.equals(n.topology());
            for (String id : n.parents(HOST)) {
                if (isImage) {
                    // Images aggregate containers of many hosts: their edges would be wrong here.
                    ret.addUnmappedChild(n, id, HOST);
                } else {
                    ret.addChild(n, id, HOST);
                }
            }
        }
        return ret.result(nodes);
    }

    // Weave Net.

    public static final Renderer WEAVE_RENDERER = map(
            m -> {
                String id = m.id();
                if (id.startsWith("#") && id.startsWith("docker_peer_", 1)) {
                    return null;
                }
                if (!m.hasLatest(Keys.HOST_NODE_ID)) {
                    String nickname = m.latestValue(Keys.WEAVE_PEER_NICK_NAME).orElse("");
                    return derived(Ids.pseudoId(Ids.UNMANAGED, nickname), Ids.PSEUDO, m);
                }
                return m;
            },
            select(TopologyType.OVERLAY));

    // ECS and Swarm.

    private static boolean hasEcs(RenderContext ctx) {
        return ctx.report().topology(TopologyType.ECS_TASK).nodes().size()
                        + ctx.report()
                                .topology(TopologyType.ECS_SERVICE)
                                .nodes()
                                .size()
                >= 1;
    }

    public static final Renderer ECS_TASK_RENDERER = memoise(conditional(
            ScopeRenderers::hasEcs,
            renderParents(
                    CONTAINER,
                    List.of(TopologyType.ECS_TASK),
                    Ids.UNMANAGED,
                    filter(Filters.RUNNING, CONTAINER_WITH_IMAGE_NAME_RENDERER))));

    public static final Renderer ECS_SERVICE_RENDERER = conditional(
            ScopeRenderers::hasEcs,
            renderParents(
                    TopologyType.ECS_TASK.topologyName(), List.of(TopologyType.ECS_SERVICE), "", ECS_TASK_RENDERER));

    public static final Renderer SWARM_SERVICE_RENDERER = conditional(
            ctx -> !ctx.report().topology(TopologyType.SWARM_SERVICE).nodes().isEmpty(),
            renderParents(
                    CONTAINER,
                    List.of(TopologyType.SWARM_SERVICE),
                    Ids.UNMANAGED,
                    filter(Filters.RUNNING, CONTAINER_WITH_IMAGE_NAME_RENDERER)));
}
