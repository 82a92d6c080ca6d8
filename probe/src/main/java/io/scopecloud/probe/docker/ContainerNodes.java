package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.endpoint.EndpointIds;
import io.scopecloud.report.GoTime;
import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import io.scopecloud.report.Sample;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Builds Container and ContainerImage nodes exactly as Scope's Docker reporter does (its
 * {@code container.GetNode}, {@code NetworkInfo} and {@code containerImageTopology}): the latest
 * keys, prefixed label and environment entries, active controls by state, network sets and the
 * CPU and memory metrics from stats samples. Pure: every input is an argument, so it is
 * table-tested against fixtures of real inspect documents.
 */
public final class ContainerNodes {
    public static final String CONTAINER_ID = "docker_container_id";
    public static final String CONTAINER_NAME = "docker_container_name";
    public static final String CONTAINER_COMMAND = "docker_container_command";
    public static final String CONTAINER_PORTS = "docker_container_ports";
    public static final String CONTAINER_CREATED = "docker_container_created";
    public static final String CONTAINER_NETWORKS = "docker_container_networks";
    public static final String CONTAINER_IPS = "docker_container_ips";
    public static final String CONTAINER_HOSTNAME = "docker_container_hostname";
    public static final String CONTAINER_IPS_WITH_SCOPES = "docker_container_ips_with_scopes";
    public static final String CONTAINER_STATE = "docker_container_state";
    public static final String CONTAINER_STATE_HUMAN = "docker_container_state_human";
    public static final String CONTAINER_UPTIME = "docker_container_uptime";
    public static final String CONTAINER_RESTART_COUNT = "docker_container_restart_count";
    public static final String CONTAINER_NETWORK_MODE = "docker_container_network_mode";
    public static final String IS_IN_HOST_NETWORK = "docker_is_in_host_network";
    public static final String IMAGE_ID = "docker_image_id";
    public static final String IMAGE_NAME = "docker_image_name";
    public static final String IMAGE_TAG = "docker_image_tag";
    public static final String IMAGE_SIZE = "docker_image_size";
    public static final String IMAGE_VIRTUAL_SIZE = "docker_image_virtual_size";
    public static final String LABEL_PREFIX = "docker_label_";
    public static final String ENV_PREFIX = "docker_env_";
    public static final String IMAGE_LABEL_PREFIX = "docker_image_label_";
    public static final String MEMORY_USAGE = "docker_memory_usage";
    public static final String CPU_TOTAL_USAGE = "docker_cpu_total_usage";

    public static final String STATE_CREATED = "created";
    public static final String STATE_EXITED = "exited";
    public static final String STATE_PAUSED = "paused";
    public static final String STATE_RESTARTING = "restarting";
    public static final String STATE_RUNNING = "running";
    public static final String STATE_DELETED = "deleted";

    private static final String CONTAINER = TopologyType.CONTAINER.topologyName();
    private static final String CONTAINER_IMAGE = TopologyType.CONTAINER_IMAGE.topologyName();

    private final EndpointIds addresses;
    private final boolean omitArguments;
    private final boolean omitEnvironment;

    /**
     * @param addresses scopes container IPs exactly as endpoint IDs are scoped, so the app can
     *     join endpoints to containers by address
     * @param omitArguments {@code --probe.omit.cmd-args}
     * @param omitEnvironment {@code --probe.omit.env-vars}
     */
    public ContainerNodes(EndpointIds addresses, boolean omitArguments, boolean omitEnvironment) {
        this.addresses = requireNonNull(addresses, "addresses is null");
        this.omitArguments = omitArguments;
        this.omitEnvironment = omitEnvironment;
    }

    /** {@code <id>;<container>}. */
    public static String containerNodeId(String containerId) {
        return NodeIds.makeContainerId(containerId);
    }

    /** {@code <imageId>;<container_image>}. */
    public static String imageNodeId(String imageId) {
        return NodeIds.makeContainerImageId(imageId);
    }

    /**
     * A container's node without network sets or metrics: what a shortcut report carries when it
     * changes (Scope's {@code GetNode}).
     *
     * @param image the container's image from the image list, if known (for its name and tag)
     */
    public Node.Builder node(DockerContainer c, Optional<DockerImage> image, Instant now) {
        Node.Builder node = Node.builder(containerNodeId(c.id()), CONTAINER)
                .latest(CONTAINER_ID, now, c.id())
                .latest(CONTAINER_CREATED, now, rfc3339Nano(c.created()))
                .latest(CONTAINER_COMMAND, now, command(c))
                .latest(IMAGE_ID, now, c.imageId())
                .latest(CONTAINER_HOSTNAME, now, c.fullHostname())
                .latest(CONTAINER_NAME, now, c.name())
                .latest(CONTAINER_STATE, now, c.state().stateString())
                .latest(CONTAINER_STATE_HUMAN, now, humanState(c.state(), now))
                .parent(CONTAINER_IMAGE, imageNodeId(c.imageId()));
        // Scope's renderer copies the image's name and tag onto its containers; carrying them here
        // too keeps the container readable in any view (the values are the same)
        String imageRef = image.flatMap(i -> i.repoTags().stream().findFirst()).orElse(c.imageName());
        if (!imageRef.isEmpty() && !imageRef.startsWith("sha256:")) {
            node.latest(IMAGE_NAME, now, imageNameWithoutTag(imageRef));
            String tag = imageNameTag(imageRef);
            if (!tag.isEmpty()) {
                node.latest(IMAGE_TAG, now, tag);
            }
        }
        for (Map.Entry<String, String> label : c.labels().entrySet()) {
            node.latest(LABEL_PREFIX + label.getKey(), now, label.getValue());
        }
        if (!omitEnvironment) {
            for (String variable : c.env()) {
                int eq = variable.indexOf('=');
                if (eq > 0) {
                    node.latest(ENV_PREFIX + variable.substring(0, eq), now, variable.substring(eq + 1));
                }
            }
        }
        DockerContainer.State state = c.state();
        if (state.running() && !state.paused()) {
            long uptime = Duration.between(state.startedAt(), now).toSeconds();
            node.latest(CONTAINER_UPTIME, now, Long.toString(Math.max(uptime, 0)))
                    .latest(CONTAINER_RESTART_COUNT, now, Integer.toString(c.restartCount()))
                    .latest(CONTAINER_NETWORK_MODE, now, c.networkMode());
        }
        node.latest(Node.ACTIVE_CONTROLS, now, String.join(";", activeControls(c)));
        return node;
    }

    /** The node Scope sends when a container is destroyed. */
    public static Node deletedNode(String containerId, Instant now) {
        return Node.builder(containerNodeId(containerId), CONTAINER)
                .latest(CONTAINER_ID, now, containerId)
                .latest(CONTAINER_STATE, now, STATE_DELETED)
                .build();
    }

    /** The controls a container offers in its state (Scope's {@code controls()}, plus logs). */
    static List<String> activeControls(DockerContainer c) {
        DockerContainer.State state = c.state();
        if (state.paused()) {
            return List.of(DockerControls.UNPAUSE, DockerControls.GET_LOGS);
        }
        if (state.running()) {
            return List.of(
                    DockerControls.RESTART,
                    DockerControls.STOP,
                    DockerControls.PAUSE,
                    DockerControls.ATTACH,
                    DockerControls.EXEC,
                    DockerControls.GET_LOGS);
        }
        return List.of(DockerControls.START, DockerControls.REMOVE, DockerControls.GET_LOGS);
    }

    /**
     * The network sets of a container in its own namespace: networks, published ports, and its
     * IPv4 addresses plain and scoped (Scope's {@code NetworkInfo}).
     *
     * @param namespaceAddresses addresses read from the container's network namespace
     * @param localAddresses the host's addresses, for ports published on 0.0.0.0
     */
    public Map<String, List<String>> networkSets(
            DockerContainer c, List<String> namespaceAddresses, List<String> localAddresses) {
        DockerContainer.NetworkSettings settings = c.network();
        List<String> ips = new ArrayList<>(settings.secondaryIpAddresses());
        if (!settings.ipAddress().isEmpty()) {
            ips.add(settings.ipAddress());
        }
        if (c.state().running() && c.state().pid() != 0) {
            ips.addAll(namespaceAddresses);
        }
        TreeSet<String> networks = new TreeSet<>();
        for (Map.Entry<String, String> network : settings.networks().entrySet()) {
            if (network.getKey().equals("none")) {
                continue;
            }
            networks.add(network.getKey());
            if (!network.getValue().isEmpty()) {
                ips.add(network.getValue());
            }
        }
        TreeSet<String> ipv4 = new TreeSet<>();
        for (String ip : ips) {
            if (isIpv4(ip)) {
                ipv4.add(ip);
            }
        }
        Map<String, List<String>> sets = new java.util.LinkedHashMap<>();
        if (!networks.isEmpty()) {
            sets.put(CONTAINER_NETWORKS, List.copyOf(networks));
        }
        if (!settings.ports().isEmpty()) {
            sets.put(CONTAINER_PORTS, ports(settings.ports(), localAddresses));
        }
        if (!ipv4.isEmpty()) {
            sets.put(CONTAINER_IPS, List.copyOf(ipv4));
            sets.put(CONTAINER_IPS_WITH_SCOPES, scoped(ipv4));
        }
        return sets;
    }

    /** The sets of a container in the host's network namespace: the host's addresses. */
    public Map<String, List<String>> hostNetworkSets(List<String> hostAddresses) {
        TreeSet<String> ipv4 = new TreeSet<>();
        for (String ip : hostAddresses) {
            if (isIpv4(ip)) {
                ipv4.add(ip);
            }
        }
        if (ipv4.isEmpty()) {
            return Map.of();
        }
        return Map.of(CONTAINER_IPS, List.copyOf(ipv4), CONTAINER_IPS_WITH_SCOPES, scoped(ipv4));
    }

    private List<String> scoped(SortedSet<String> ips) {
        List<String> result = new ArrayList<>(ips.size());
        for (String ip : ips) {
            result.add(addresses.addressId(0, ip));
        }
        return result;
    }

    /** {@code 1.2.3.4:8080->80/tcp}, or the bare {@code 80/tcp} for an unpublished port. */
    static List<String> ports(Map<String, List<DockerContainer.PortBinding>> ports, List<String> localAddresses) {
        TreeSet<String> result = new TreeSet<>();
        for (Map.Entry<String, List<DockerContainer.PortBinding>> port : ports.entrySet()) {
            if (port.getValue().isEmpty()) {
                result.add(port.getKey());
                continue;
            }
            for (DockerContainer.PortBinding b : port.getValue()) {
                String hostIp = b.hostIp();
                if (hostIp.equals("::")) {
                    continue; // Docker's IPv6 twin of a 0.0.0.0 binding
                }
                if (!hostIp.isEmpty() && !hostIp.equals("0.0.0.0")) {
                    result.add(hostIp + ":" + b.hostPort() + "->" + port.getKey());
                    continue;
                }
                for (String ip : localAddresses) {
                    if (isIpv4(ip)) {
                        result.add(ip + ":" + b.hostPort() + "->" + port.getKey());
                    }
                }
            }
        }
        return List.copyOf(result);
    }

    /**
     * Scope's CPU and memory metrics from the stats gathered since the last report; the first
     * sample is the one kept from the previous report, which CPU percentages are relative to.
     */
    public static Map<String, Metric> metrics(List<StatsSample> stats) {
        if (stats.isEmpty()) {
            return Map.of();
        }
        Map<String, Metric> metrics = new java.util.LinkedHashMap<>();
        List<Sample> memory = new ArrayList<>(stats.size());
        double memoryMax = 0;
        for (StatsSample s : stats) {
            memory.add(new Sample(s.read(), s.memoryWithoutCache()));
            memoryMax = Math.max(memoryMax, (double) s.memoryLimit());
        }
        metrics.put(MEMORY_USAGE, new Metric(memory, minValue(memory), memoryMax));
        if (stats.size() >= 2) {
            List<Sample> cpu = new ArrayList<>(stats.size() - 1);
            StatsSample previous = stats.get(0);
            for (StatsSample s : stats.subList(1, stats.size())) {
                double cpuDelta = s.cpuTotalNanos() - previous.cpuTotalNanos();
                double systemDelta = s.systemCpuNanos() - previous.systemCpuNanos();
                double percent = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * 100.0 : 0.0;
                cpu.add(new Sample(s.read(), percent));
                previous = s;
            }
            metrics.put(CPU_TOTAL_USAGE, new Metric(cpu, minValue(cpu), 100.0));
        }
        return metrics;
    }

    private static double minValue(List<Sample> samples) {
        double min = samples.get(0).value();
        for (Sample s : samples) {
            min = Math.min(min, s.value());
        }
        return min;
    }

    /** A ContainerImage node (Scope's {@code containerImageTopology}). */
    public static Node imageNode(DockerImage image, Instant now) {
        Node.Builder node = Node.builder(imageNodeId(image.id()), CONTAINER_IMAGE)
                .latest(IMAGE_ID, now, image.id())
                .latest(IMAGE_SIZE, now, HumanUnits.bytes(image.size()))
                .latest(IMAGE_VIRTUAL_SIZE, now, HumanUnits.bytes(image.virtualSize()));
        if (!image.repoTags().isEmpty()) {
            String fullName = image.repoTags().get(0);
            node.latest(IMAGE_NAME, now, imageNameWithoutTag(fullName));
            node.latest(IMAGE_TAG, now, imageNameTag(fullName));
        }
        for (Map.Entry<String, String> label : image.labels().entrySet()) {
            node.latest(IMAGE_LABEL_PREFIX + label.getKey(), now, label.getValue());
        }
        return node.build();
    }

    /** Scope's {@code splitImageName}: a registry is dropped when there are three path parts. */
    private static String[] splitImageName(String imageName) {
        String name = imageName;
        String[] parts = name.split("/", 3);
        if (parts.length == 3) {
            name = parts[1] + "/" + parts[2];
        }
        return name.split(":", 2);
    }

    static String imageNameWithoutTag(String imageName) {
        return splitImageName(imageName)[0];
    }

    static String imageNameTag(String imageName) {
        String[] parts = splitImageName(imageName);
        return parts.length < 2 ? "" : parts[1];
    }

    /** {@code Path} and {@code Args}, or only the path with {@code --probe.omit.cmd-args}. */
    String command(DockerContainer c) {
        if (omitArguments) {
            return c.path();
        }
        return c.path() + " " + String.join(" ", c.args());
    }

    /** go-dockerclient's {@code State.String()}: "Up 3 minutes", "Exited (0) 2 seconds ago"... */
    static String humanState(DockerContainer.State s, Instant now) {
        if (s.running()) {
            if (s.paused()) {
                return "Up " + HumanUnits.duration(Duration.between(s.startedAt(), now)) + " (Paused)";
            }
            if (s.restarting()) {
                return "Restarting (" + s.exitCode() + ") " + HumanUnits.duration(Duration.between(s.finishedAt(), now))
                        + " ago";
            }
            return "Up " + HumanUnits.duration(Duration.between(s.startedAt(), now));
        }
        if (s.status().equals("removing")) {
            return "Removal In Progress";
        }
        if (s.dead()) {
            return "Dead";
        }
        if (GoTime.isZero(s.startedAt())) {
            return "Created";
        }
        if (GoTime.isZero(s.finishedAt())) {
            return "";
        }
        return "Exited (" + s.exitCode() + ") " + HumanUnits.duration(Duration.between(s.finishedAt(), now)) + " ago";
    }

    /** Go's {@code time.RFC3339Nano} for a UTC time: no trailing zeros in the fraction. */
    static String rfc3339Nano(Instant t) {
        String text = DateTimeFormatter.ISO_INSTANT.format(t);
        int dot = text.indexOf('.');
        if (dot < 0) {
            return text;
        }
        int end = text.length() - 1;
        while (end > dot + 1 && text.charAt(end - 1) == '0') {
            end--;
        }
        return text.substring(0, end) + "Z";
    }

    static boolean isIpv4(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!Character.isDigit(part.charAt(i))) {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
