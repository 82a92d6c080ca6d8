package io.scopecloud.probe.process;

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
import java.time.Instant;

/**
 * The Process topology from the latest {@link ProcessCache} tick: one node per process,
 * {@code <hostID>;<pid>}, with Scope's latest keys ({@code pid}, {@code name}, {@code cmdline},
 * {@code ppid}, {@code threads}), metrics (CPU, memory, open files, each with Scope's maximum)
 * and templates.
 */
public final class ProcessReporter implements ReportSource {
    public static final String PID = "pid";
    public static final String NAME = "name";
    public static final String PPID = "ppid";
    public static final String CMDLINE = "cmdline";
    public static final String THREADS = "threads";
    public static final String CPU_USAGE = "process_cpu_usage_percent";
    public static final String MEMORY_USAGE = "process_memory_usage_bytes";
    public static final String OPEN_FILES = "open_files_count";

    private static final double UNSIGNED_MAX = 1.8446744073709552E19; // 2^64 - 1 (RLIM_INFINITY) as a double

    private final String hostId;
    private final ProcessCache cache;
    private final boolean omitArguments;

    /** @param omitArguments {@code --probe.omit.cmd-args}: report only the first word of command lines */
    public ProcessReporter(String hostId, ProcessCache cache, boolean omitArguments) {
        this.hostId = requireNonNull(hostId, "hostId is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.omitArguments = omitArguments;
    }

    /** {@code <hostID>;<pid>}. */
    public static String processNodeId(String hostId, int pid) {
        return NodeIds.makeProcessId(hostId, pid);
    }

    @Override
    public String name() {
        return "Process";
    }

    @Override
    public Report report() {
        return toReport(cache.snapshot());
    }

    Report toReport(ProcessSnapshot snapshot) {
        Topology.Builder topology = Report.empty().topology(TopologyType.PROCESS).toBuilder();
        addTemplates(topology);
        Instant now = snapshot.at();
        double cpuMax = snapshot.cpuCount() * 100.0;
        for (ProcessInfo process : snapshot.processes()) {
            String pid = Integer.toString(process.pid());
            Node.Builder node = Node.builder(processNodeId(hostId, process.pid()), TopologyType.PROCESS.topologyName())
                    .latest(PID, now, pid)
                    .latest(THREADS, now, Integer.toString(process.threads()));
            if (!process.name().isEmpty()) {
                node.latest(NAME, now, process.name());
            }
            if (!process.cmdline().isEmpty()) {
                node.latest(
                        CMDLINE,
                        now,
                        omitArguments ? CommandLine.stripArguments(process.cmdline()) : process.cmdline());
            }
            if (process.ppid() > 0) {
                node.latest(PPID, now, Integer.toString(process.ppid()));
            }
            double rss = process.rssBytes();
            node.metric(MEMORY_USAGE, rss, process.rssLimitBytes(), new Sample(now, rss));
            double files = process.openFiles();
            double filesMax = process.openFilesLimit() < 0 ? UNSIGNED_MAX : process.openFilesLimit();
            node.metric(OPEN_FILES, files, filesMax, new Sample(now, files));
            double cpu = snapshot.cpuUsagePercent(process);
            if (!Double.isNaN(cpu)) {
                node.metric(CPU_USAGE, cpu, cpuMax, new Sample(now, cpu));
            }
            topology.node(node.build());
        }
        return Report.builder().topology(TopologyType.PROCESS, topology.build()).build();
    }

    /** The Process templates exactly as Scope's process reporter defines them. */
    static void addTemplates(Topology.Builder topology) {
        topology.metadataTemplate(new MetadataTemplate(PID, "PID", 0, "number", 1, "latest"))
                .metadataTemplate(new MetadataTemplate(CMDLINE, "Command", 0, "", 2, "latest"))
                .metadataTemplate(new MetadataTemplate(PPID, "Parent PID", 0, "number", 3, "latest"))
                .metadataTemplate(new MetadataTemplate(THREADS, "# Threads", 0, "number", 4, "latest"))
                .metricTemplate(new MetricTemplate(CPU_USAGE, "CPU", "percent", "", 1))
                .metricTemplate(new MetricTemplate(MEMORY_USAGE, "Memory", "filesize", "", 2))
                .metricTemplate(new MetricTemplate(OPEN_FILES, "Open files", "integer", "", 3));
    }
}
