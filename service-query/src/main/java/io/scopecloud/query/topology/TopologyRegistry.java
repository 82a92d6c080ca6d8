package io.scopecloud.query.topology;

import io.scopecloud.query.render.Filter;
import io.scopecloud.query.render.Filters;
import io.scopecloud.query.render.Keys;
import io.scopecloud.query.render.ScopeRenderers;
import io.scopecloud.query.render.Transformer;
import io.scopecloud.query.topology.OptionGroup.Option;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scope's topology registry (app/api_topologies.go): the views, their menu and their options,
 * and how a request's options become filters.
 */
public final class TopologyRegistry {
    public static final String PROCESSES = "processes";
    public static final String CONTAINERS = "containers";
    public static final String PODS = "pods";
    public static final String SERVICES = "services";
    public static final String KUBE_CONTROLLERS = "kube-controllers";
    public static final String SWARM_SERVICES = "swarm-services";

    private static final OptionGroup UNMANAGED = OptionGroup.one(
            "pseudo",
            "hide",
            new Option("show", "Show unmanaged", null, false),
            new Option("hide", "Hide unmanaged", Filters.NOT_PSEUDO, true));
    private static final OptionGroup STORAGE = OptionGroup.one(
            "storage",
            "hide",
            new Option("show", "Show storage", null, false),
            new Option("hide", "Hide storage", Filters.POD_COMPONENT, false));
    private static final OptionGroup SNAPSHOT = OptionGroup.one(
            "snapshot",
            "hide",
            new Option("show", "Show snapshots", null, false),
            new Option("hide", "Hide snapshots", Filters.NON_SNAPSHOT_COMPONENT, false));
    private static final List<OptionGroup> CONTAINER_FILTERS = List.of(
            OptionGroup.one(
                    "system",
                    "application",
                    new Option("all", "All", null, false),
                    new Option("system", "System containers", Filters.SYSTEM, false),
                    new Option("application", "Application containers", Filters.APPLICATION, false)),
            OptionGroup.one(
                    "stopped",
                    "running",
                    new Option("stopped", "Stopped containers", Filters.STOPPED, false),
                    new Option("running", "Running containers", Filters.RUNNING, false),
                    new Option("both", "Both", null, false)),
            OptionGroup.one(
                    "pseudo",
                    "hide",
                    new Option("show", "Show uncontained", null, false),
                    new Option("hide", "Hide uncontained", Filters.NOT_PSEUDO, true)));
    private static final List<OptionGroup> UNCONNECTED = List.of(OptionGroup.one(
            "unconnected",
            "hide",
            new Option("show", "Show unconnected", null, false),
            new Option("hide", "Hide unconnected", Filters.CONNECTED, false)));

    private final Map<String, TopologyDescriptor> byId = new LinkedHashMap<>();
    /** Every "one" group of every view by id: a value for one of them is checked even on a view without it. */
    private final Map<String, OptionGroup> oneGroups = new LinkedHashMap<>();

    public TopologyRegistry() {
        add(PROCESSES, "", ScopeRenderers.CONNECTED_PROCESS_RENDERER, "Processes", 1, true, UNCONNECTED);
        add("processes-by-name", PROCESSES, ScopeRenderers.PROCESS_NAME_RENDERER, "by name", 0, true, UNCONNECTED);
        add(
                CONTAINERS,
                "",
                ScopeRenderers.CONTAINER_WITH_IMAGE_NAME_RENDERER,
                "Containers",
                2,
                false,
                CONTAINER_FILTERS);
        add(
                "containers-by-hostname",
                CONTAINERS,
                ScopeRenderers.CONTAINER_HOSTNAME_RENDERER,
                "by DNS name",
                0,
                false,
                CONTAINER_FILTERS);
        add(
                "containers-by-image",
                CONTAINERS,
                ScopeRenderers.CONTAINER_IMAGE_RENDERER,
                "by image",
                0,
                false,
                CONTAINER_FILTERS);
        add(PODS, "", ScopeRenderers.POD_RENDERER, "Pods", 3, true, List.of(SNAPSHOT, STORAGE, UNMANAGED));
        add(
                KUBE_CONTROLLERS,
                PODS,
                ScopeRenderers.KUBE_CONTROLLER_RENDERER,
                "Controllers",
                0,
                true,
                List.of(UNMANAGED));
        add(SERVICES, PODS, ScopeRenderers.POD_SERVICE_RENDERER, "Services", 0, true, List.of(UNMANAGED));
        add("ecs-tasks", "", ScopeRenderers.ECS_TASK_RENDERER, "Tasks", 3, true, List.of(UNMANAGED));
        add("ecs-services", "ecs-tasks", ScopeRenderers.ECS_SERVICE_RENDERER, "Services", 0, true, List.of(UNMANAGED));
        add(SWARM_SERVICES, "", ScopeRenderers.SWARM_SERVICE_RENDERER, "Services", 3, true, List.of(UNMANAGED));
        add("hosts", "", ScopeRenderers.HOST_RENDERER, "Hosts", 4, false, List.of());
        add("weave", "hosts", ScopeRenderers.WEAVE_RENDERER, "Weave Net", 0, false, List.of());
    }

    private void add(
            String id,
            String parent,
            io.scopecloud.query.render.Renderer renderer,
            String name,
            int rank,
            boolean hideIfEmpty,
            List<OptionGroup> options) {
        byId.put(
                id,
                new TopologyDescriptor(
                        id, parent, ScopeRenderers.memoised(renderer), name, rank, hideIfEmpty, options));
        for (OptionGroup group : options) {
            if (!group.isUnion()) {
                oneGroups.putIfAbsent(group.id(), group);
            }
        }
    }

    public Optional<TopologyDescriptor> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Top-level views sorted by name, each with its sub-views in registration order. */
    public List<TopologyDescriptor> topLevel() {
        return byId.values().stream()
                .filter(d -> d.parent().isEmpty())
                .sorted(Comparator.comparing(TopologyDescriptor::name))
                .toList();
    }

    public List<TopologyDescriptor> subTopologies(String parentId) {
        return byId.values().stream().filter(d -> d.parent().equals(parentId)).toList();
    }

    /** The descriptor with the namespace options the report offers (Scope's {@code updateFilters}). */
    public TopologyDescriptor withReportOptions(TopologyDescriptor d, Report r, boolean asMenuEntry) {
        List<OptionGroup> options = new ArrayList<>(d.options());
        String top = asMenuEntry && !d.parent().isEmpty() ? d.parent() : d.id();
        List<String> kube = kubeNamespaces(r);
        if (!kube.isEmpty()
                && Set.of(CONTAINERS, PODS, SERVICES, KUBE_CONTROLLERS).contains(top)) {
            options.add(namespaceGroup(kube, "All Namespaces"));
        }
        List<String> stacks = swarmStacks(r);
        if (!stacks.isEmpty() && Set.of(CONTAINERS, SWARM_SERVICES).contains(top)) {
            options.add(namespaceGroup(stacks, "All Stacks"));
        }
        return options.size() == d.options().size() ? d : d.withOptions(options);
    }

    private static OptionGroup namespaceGroup(List<String> namespaces, String noneLabel) {
        List<Option> options = namespaces.stream()
                .map(ns -> new Option(ns, ns, Filters.namespace(ns), false))
                .toList();
        return new OptionGroup("namespace", "", options, "union", noneLabel);
    }

    private static List<String> kubeNamespaces(Report r) {
        List<String> out = new ArrayList<>();
        for (Node n : r.topology(TopologyType.NAMESPACE).nodes().values()) {
            n.latestValue(Keys.KUBERNETES_NAME).ifPresent(out::add);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<String> swarmStacks(Report r) {
        TreeSet<String> out = new TreeSet<>();
        for (Node n : r.topology(TopologyType.SWARM_SERVICE).nodes().values()) {
            n.latestValue(Keys.DOCKER_STACK_NAMESPACE).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * Refuses a value no view offers for a known option ({@code hosts?system=bogus}), as on a view that has the
     * option: the menu and views without the group would otherwise accept it silently.
     */
    private void checkKnownOptions(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            OptionGroup group = oneGroups.get(param.getKey());
            if (group != null && !param.getValue().isEmpty()) {
                group.filter(param.getValue().get(0));
            }
        }
    }

    /**
     * What the request's options do to the view (Scope's {@code RendererForTopology}): with no
     * query parameters at all only the base transform runs; otherwise every group's value (or its
     * default) filters, and the base transform follows.
     */
    public ViewOptions options(TopologyDescriptor d, Report r, Map<String, List<String>> params) {
        checkKnownOptions(params);
        TopologyDescriptor withReport = withReportOptions(d, r, false);
        if (params.isEmpty()) {
            return new ViewOptions(d.id(), "base", Filters.UNCONNECTED_PSEUDO);
        }
        List<Filter> filters = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        for (OptionGroup group : withReport.options()) {
            List<String> values = params.get(group.id());
            String value = values == null || values.isEmpty() ? group.defaultValue() : values.get(0);
            Filter f = group.filter(value);
            key.append(group.id()).append('=').append(value).append('&');
            if (f != null) {
                filters.add(f);
            }
        }
        Transformer t = filters.isEmpty()
                ? Filters.UNCONNECTED_PSEUDO
                : Transformer.chain(Filter.all(filters), Filters.UNCONNECTED_PSEUDO);
        return new ViewOptions(d.id(), key.toString(), t);
    }
}
