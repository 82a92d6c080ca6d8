package io.scopecloud.probe.host;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.ReportSource;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The Host topology: one node, {@code <hostID>;<host>}, with the latest entries, sets, metrics and
 * templates Scope's host reporter emits (see the {@code probe-posts} fixtures). The node carries
 * {@code control_probe_id} so the UI can route controls to this probe.
 */
public final class HostReporter implements ReportSource {
    public static final String CONTROL_PROBE_ID = "control_probe_id";
    public static final String TIMESTAMP = "ts";
    public static final String HOST_NAME = "host_name";
    public static final String OS = "os";
    public static final String KERNEL_VERSION = "kernel_version";
    public static final String UPTIME = "uptime";
    public static final String SCOPE_VERSION = "host_scope_version";
    public static final String LOCAL_NETWORKS = "local_networks";
    public static final String CPU_USAGE = "host_cpu_usage_percent";
    public static final String MEMORY_USAGE = "host_mem_usage_bytes";
    public static final String LOAD1 = "load1";

    private final String hostId;
    private final String hostName;
    private final String probeId;
    private final String version;
    private final HostCollector collector;
    private final boolean hostExec;

    public HostReporter(String hostId, String hostName, String probeId, String version, HostCollector collector) {
        this(hostId, hostName, probeId, version, collector, false);
    }

    /** @param hostExec advertise {@code host_exec} (only when {@code --probe.host-exec} registered it) */
    public HostReporter(
            String hostId, String hostName, String probeId, String version, HostCollector collector, boolean hostExec) {
        this.hostId = requireNonNull(hostId, "hostId is null");
        this.hostName = requireNonNull(hostName, "hostName is null");
        this.probeId = requireNonNull(probeId, "probeId is null");
        this.version = requireNonNull(version, "version is null");
        this.collector = requireNonNull(collector, "collector is null");
        this.hostExec = hostExec;
    }

    /** {@code <hostID>;<host>}. */
    public static String hostNodeId(String hostId) {
        return NodeIds.makeHostId(hostId);
    }

    @Override
    public String name() {
        return "Host";
    }

    @Override
    public Report report() throws IOException {
        return toReport(collector.collect());
    }

    Report toReport(HostSample sample) {
        Instant now = sample.at();
        Node.Builder node = Node.builder(hostNodeId(hostId), TopologyType.HOST.topologyName())
                .latest(CONTROL_PROBE_ID, now, probeId)
                .latest(TIMESTAMP, now, rfc3339Nano(now))
                .latest(HOST_NAME, now, hostName)
                .latest(OS, now, "linux")
                .latest(KERNEL_VERSION, now, sample.kernelVersion())
                .latest(UPTIME, now, Long.toString(sample.uptimeSeconds()))
                .latest(SCOPE_VERSION, now, version)
                .set(LOCAL_NETWORKS, sample.localNetworks());
        double load = sample.load().one();
        node.metric(LOAD1, load, load, new Sample(now, load));
        if (!Double.isNaN(sample.cpuUsagePercent())) {
            double cpu = sample.cpuUsagePercent();
            node.metric(CPU_USAGE, cpu, 100, new Sample(now, cpu));
        }
        double used = sample.memoryUsedBytes();
        node.metric(MEMORY_USAGE, used, (double) sample.memoryTotalBytes(), new Sample(now, used));
        if (hostExec) {
            node.latest(Node.ACTIVE_CONTROLS, now, HostExec.EXEC);
        }
        Topology.Builder host = Report.empty().topology(TopologyType.HOST).toBuilder();
        addTemplates(host);
        if (hostExec) {
            host.control(HostExec.CONTROL);
        }
        host.node(node.build());
        return Report.builder().topology(TopologyType.HOST, host.build()).build();
    }

    /** Go's RFC3339Nano in UTC: the fraction without trailing zeros ({@code .76314Z}, not {@code .763140Z}). */
    static String rfc3339Nano(Instant t) {
        String text = DateTimeFormatter.ISO_INSTANT.format(t);
        int dot = text.indexOf('.');
        if (dot < 0) {
            return text;
        }
        int end = text.length() - 1; // the 'Z'
        while (end > dot + 1 && text.charAt(end - 1) == '0') {
            end--;
        }
        return text.substring(0, end) + "Z";
    }

    /** The Host templates exactly as Scope's host reporter defines them. */
    static void addTemplates(Topology.Builder host) {
        host.metadataTemplate(new MetadataTemplate(KERNEL_VERSION, "Kernel version", 0, "", 1, "latest"))
                .metadataTemplate(new MetadataTemplate(UPTIME, "Uptime", 0, "duration", 2, "latest"))
                .metadataTemplate(new MetadataTemplate(HOST_NAME, "Hostname", 0, "", 11, "latest"))
                .metadataTemplate(new MetadataTemplate(OS, "OS", 0, "", 12, "latest"))
                .metadataTemplate(new MetadataTemplate(LOCAL_NETWORKS, "Local networks", 0, "", 13, "sets"))
                .metadataTemplate(new MetadataTemplate(SCOPE_VERSION, "Scope version", 0, "", 14, "latest"))
                .metricTemplate(new MetricTemplate(CPU_USAGE, "CPU", "percent", "", 1))
                .metricTemplate(new MetricTemplate(MEMORY_USAGE, "Memory", "filesize", "", 2))
                .metricTemplate(new MetricTemplate(LOAD1, "Load (1m)", "", "load", 11));
    }
}
