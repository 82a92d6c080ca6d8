package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.ReportSource;
import io.scopecloud.probe.host.HostReporter;
import io.scopecloud.probe.plugins.ShortcutPublisher;
import io.scopecloud.report.Control;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The Container, ContainerImage and Overlay topologies from the {@link ContainerRegistry}, with
 * Scope's templates and controls ({@code probe/docker/reporter.go}); and, as Scope's reporter does,
 * a shortcut report holding just the container each time one changes, so the map shows it before
 * the next publish.
 */
public final class DockerReporter implements ReportSource, ContainerRegistry.Listener {
    private final ContainerRegistry registry;
    private final ContainerNodes nodes;
    private final String hostId;
    private final String probeId;
    private final Supplier<HostAddresses> addresses;
    private final ShortcutPublisher shortcuts;
    private final Clock clock;

    /** The host's IPv4 addresses, as Scope's reporter reads them for published ports and host-network containers. */
    public record HostAddresses(List<String> local, List<String> all) {
        public HostAddresses {
            local = List.copyOf(local);
            all = List.copyOf(all);
        }
    }

    public DockerReporter(
            ContainerRegistry registry,
            ContainerNodes nodes,
            String hostId,
            String probeId,
            Supplier<HostAddresses> addresses,
            ShortcutPublisher shortcuts,
            Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
        this.hostId = requireNonNull(hostId, "hostId is null");
        this.probeId = requireNonNull(probeId, "probeId is null");
        this.addresses = requireNonNull(addresses, "addresses is null");
        this.shortcuts = requireNonNull(shortcuts, "shortcuts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String name() {
        return "Docker";
    }

    @Override
    public Report report() {
        if (!registry.connected() && registry.containers().isEmpty()) {
            return Report.empty();
        }
        Instant now = clock.instant();
        HostAddresses host = addresses.get();
        Topology.Builder containers = Report.empty().topology(TopologyType.CONTAINER).toBuilder();
        addContainerTemplates(containers);
        Set<String> imageIds = new HashSet<>();
        for (ContainerEntry entry : registry.containers()) {
            Node.Builder node = containerNode(entry, now, host);
            for (Map.Entry<String, io.scopecloud.report.Metric> metric :
                    ContainerNodes.metrics(entry.drainStats()).entrySet()) {
                node.metric(metric.getKey(), metric.getValue());
            }
            containers.node(node.build());
            imageIds.add(entry.container().imageId());
        }
        Topology.Builder images = Report.empty().topology(TopologyType.CONTAINER_IMAGE).toBuilder();
        addImageTemplates(images);
        for (String imageId : imageIds) {
            registry.image(imageId).ifPresent(image -> images.node(ContainerNodes.imageNode(image, now)));
        }
        TreeSet<String> subnets = new TreeSet<>();
        for (DockerNetwork network : registry.networks()) {
            subnets.addAll(network.subnets());
        }
        Topology.Builder overlay = Report.empty().topology(TopologyType.OVERLAY).toBuilder();
        overlay.node(Node.builder(NodeIds.makeDockerOverlayId(hostId), TopologyType.OVERLAY.topologyName())
                .set(HostReporter.LOCAL_NETWORKS, subnets)
                .build());
        return Report.builder()
                .topology(TopologyType.CONTAINER, containers.build())
                .topology(TopologyType.CONTAINER_IMAGE, images.build())
                .topology(TopologyType.OVERLAY, overlay.build())
                .build();
    }

    /** A container's node with everything but metrics. */
    Node.Builder containerNode(ContainerEntry entry, Instant now, HostAddresses host) {
        DockerContainer c = entry.container();
        Node.Builder node =
                nodes.node(c, registry.image(c.imageId()), now).latest(HostReporter.CONTROL_PROBE_ID, now, probeId);
        NetworkInfo info = networkInfo(c.id(), host, 0);
        for (Map.Entry<String, List<String>> set : info.sets().entrySet()) {
            node.set(set.getKey(), set.getValue());
        }
        if (info.hostNetwork()) {
            node.latest(ContainerNodes.IS_IN_HOST_NETWORK, now, "true");
        }
        return node;
    }

    private record NetworkInfo(Map<String, List<String>> sets, boolean hostNetwork) {}

    /**
     * A container's network sets, following {@code container:<id>} network modes to the
     * container whose namespace it shares, and giving host-network containers the host's addresses.
     */
    private NetworkInfo networkInfo(String idOrPrefix, HostAddresses host, int depth) {
        Optional<ContainerEntry> found = registry.containerByPrefix(idOrPrefix);
        if (found.isEmpty() || depth > 8) {
            return new NetworkInfo(Map.of(), false);
        }
        DockerContainer c = found.get().container();
        String mode = c.networkMode();
        if (mode.startsWith("container:")) {
            return networkInfo(mode.substring("container:".length()), host, depth + 1);
        }
        if (mode.equals("host")) {
            return new NetworkInfo(nodes.hostNetworkSets(host.all()), true);
        }
        return new NetworkInfo(nodes.networkSets(c, found.get().namespaceAddresses(), host.local()), false);
    }

    @Override
    public void updated(ContainerEntry entry) {
        Instant now = clock.instant();
        Node node = containerNode(entry, now, addresses.get()).build();
        shortcuts.publishShortcut(
                Report.builder().node(TopologyType.CONTAINER, node).build());
    }

    @Override
    public void removed(String containerId) {
        Node node = ContainerNodes.deletedNode(containerId, clock.instant());
        shortcuts.publishShortcut(
                Report.builder().node(TopologyType.CONTAINER, node).build());
    }

    /** Scope's container templates, table templates and controls. */
    static void addContainerTemplates(Topology.Builder t) {
        t.metadataTemplate(new MetadataTemplate(ContainerNodes.IMAGE_TAG, "Image tag", 0, "", 1, "latest"))
                .metadataTemplate(new MetadataTemplate(ContainerNodes.IMAGE_NAME, "Image name", 0, "", 2, "latest"))
                .metadataTemplate(new MetadataTemplate(ContainerNodes.CONTAINER_COMMAND, "Command", 0, "", 3, "latest"))
                .metadataTemplate(
                        new MetadataTemplate(ContainerNodes.CONTAINER_STATE_HUMAN, "State", 0, "", 4, "latest"))
                .metadataTemplate(
                        new MetadataTemplate(ContainerNodes.CONTAINER_UPTIME, "Uptime", 0, "duration", 5, "latest"))
                .metadataTemplate(
                        new MetadataTemplate(ContainerNodes.CONTAINER_RESTART_COUNT, "Restart #", 0, "", 6, "latest"))
                .metadataTemplate(new MetadataTemplate(ContainerNodes.CONTAINER_NETWORKS, "Networks", 0, "", 7, "sets"))
                .metadataTemplate(new MetadataTemplate(ContainerNodes.CONTAINER_IPS, "IPs", 0, "", 8, "sets"))
                .metadataTemplate(new MetadataTemplate(ContainerNodes.CONTAINER_PORTS, "Ports", 0, "", 9, "sets"))
                .metadataTemplate(
                        new MetadataTemplate(ContainerNodes.CONTAINER_CREATED, "Created", 0, "datetime", 10, "latest"))
                .metadataTemplate(new MetadataTemplate(ContainerNodes.CONTAINER_ID, "ID", 12, "", 11, "latest"))
                .metricTemplate(new MetricTemplate(ContainerNodes.CPU_TOTAL_USAGE, "CPU", "percent", "", 1))
                .metricTemplate(new MetricTemplate(ContainerNodes.MEMORY_USAGE, "Memory", "filesize", "", 2));
        Map<String, String> imageRows = new LinkedHashMap<>();
        imageRows.put(ContainerNodes.IMAGE_ID, " ID");
        imageRows.put(ContainerNodes.IMAGE_NAME, " Name");
        imageRows.put(ContainerNodes.IMAGE_TAG, " Tag");
        imageRows.put(ContainerNodes.IMAGE_SIZE, "Size");
        imageRows.put(ContainerNodes.IMAGE_VIRTUAL_SIZE, "Virtual size");
        t.tableTemplate(new TableTemplate("image_table", "Image", "", TableTemplate.PROPERTY_LIST, null, imageRows))
                .tableTemplate(new TableTemplate(
                        ContainerNodes.LABEL_PREFIX,
                        "Docker labels",
                        ContainerNodes.LABEL_PREFIX,
                        TableTemplate.PROPERTY_LIST,
                        null,
                        null))
                .tableTemplate(new TableTemplate(
                        ContainerNodes.ENV_PREFIX,
                        "Environment variables",
                        ContainerNodes.ENV_PREFIX,
                        TableTemplate.PROPERTY_LIST,
                        null,
                        null));
        for (Control control : DockerControls.CONTROLS) {
            t.control(control);
        }
    }

    /** Scope's container image templates. */
    static void addImageTemplates(Topology.Builder t) {
        t.metadataTemplate(new MetadataTemplate(
                        TopologyType.CONTAINER.topologyName(), "# Containers", 0, "number", 2, "counters"))
                .tableTemplate(new TableTemplate(
                        ContainerNodes.IMAGE_LABEL_PREFIX,
                        "Docker labels",
                        ContainerNodes.IMAGE_LABEL_PREFIX,
                        TableTemplate.PROPERTY_LIST,
                        null,
                        null));
    }

    /** The host's IPv4 addresses, read from its interfaces. */
    public static HostAddresses readHostAddresses() {
        List<String> local = new ArrayList<>();
        List<String> all = new ArrayList<>();
        try {
            var interfaces = java.net.NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                java.net.NetworkInterface nic = interfaces.nextElement();
                String name = nic.getName();
                boolean skipForPorts = name.startsWith("veth") || name.startsWith("docker") || name.startsWith("lo");
                for (java.net.InterfaceAddress address : nic.getInterfaceAddresses()) {
                    if (address.getAddress() instanceof java.net.Inet4Address ipv4) {
                        all.add(ipv4.getHostAddress());
                        if (!skipForPorts) {
                            local.add(ipv4.getHostAddress());
                        }
                    }
                }
            }
        } catch (java.net.SocketException e) {
            // no interfaces readable: no addresses
        }
        return new HostAddresses(local, all);
    }
}
