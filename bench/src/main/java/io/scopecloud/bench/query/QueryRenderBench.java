package io.scopecloud.bench.query;

import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.topology.TopologyRegistry;
import io.scopecloud.query.topology.Views;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.CompactReportCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Render latency of the containers and processes views for one org of N probes (default 100,
 * ~10,000 nodes), each render cold (a fresh snapshot, as after every change), and the heap an
 * org's window costs per probe. {@code java -cp bench/target/benchmarks.jar
 * io.scopecloud.bench.query.QueryRenderBench [probes] [iterations] [views,comma-separated] [noheap|heap]
 * [host|small]} (the last: each probe's {@link Shape}; 300 {@code small} probes are the org of
 * 10,000 nodes).
 */
public final class QueryRenderBench {
    /** Renders before measuring: a server renders every second, so it runs C2-compiled code. */
    private static final int WARMUP = 20;

    private QueryRenderBench() {}

    public static void main(String[] args) throws Exception {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<String> viewNames =
                args.length > 2 ? List.of(args[2].split(",")) : List.of("containers", "processes", "hosts");
        Shape shape = args.length > 4 ? Shape.named(args[4]) : Shape.HOST;
        Instant now = Instant.now();
        List<Report> reports = new ArrayList<>();
        for (int p = 0; p < probes; p++) {
            reports.add(probeReport(p, probes, now, "1000", shape));
        }
        Report merged = Report.mergeAll(reports).upgrade().withoutPartMergedNodes();
        System.out.printf("org: %d probes, %d report nodes%n", probes, merged.nodeCount());
        Views views = new Views(new TopologyRegistry());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String view : viewNames) {
            long[] wall = new long[iterations];
            long[] cpu = new long[iterations];
            int nodes = 0;
            for (int i = 0; i < iterations + WARMUP; i++) {
                RenderContext ctx = new RenderContext(merged, now);
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                nodes = views.summaries(ctx, view, Map.of("system", List.of("all")), Censor.NONE)
                        .size();
                long c = threads.getCurrentThreadCpuTime() - c0;
                long t = System.nanoTime() - t0;
                if (i >= WARMUP) {
                    wall[i - WARMUP] = t / 1_000;
                    cpu[i - WARMUP] = c / 1_000;
                }
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            // Wall time includes waiting for a core on a shared machine; the thread's CPU time
            // does not (GC threads excluded), so both are printed, with the load average.
            System.out.printf(
                    "render %-10s %5d nodes: wall p50 %6.1f ms p99 %6.1f ms best %6.1f ms | cpu p50 %6.1f ms"
                            + " best %6.1f ms | load %.2f%n",
                    view,
                    nodes,
                    wall[iterations / 2] / 1000.0,
                    wall[(int) (iterations * 0.99)] / 1000.0,
                    wall[0] / 1000.0,
                    cpu[iterations / 2] / 1000.0,
                    cpu[0] / 1000.0,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        if (args.length > 3 && args[3].equals("noheap")) {
            return;
        }
        heapPerProbe(probes, now, shape);
    }

    /** Five reports per probe in the window (one full, four like it), as OrgWindows keeps them. */
    private static void heapPerProbe(int probes, Instant now, Shape shape) throws InterruptedException {
        long before = usedAfterGc();
        OrgWindows windows = new OrgWindows(Duration.ofMinutes(5), Duration.ZERO, Clock.systemUTC());
        UUID org = UUID.randomUUID();
        for (int round = 0; round < 5; round++) {
            for (int p = 0; p < probes; p++) {
                Report r = probeReport(p, probes, now.plusSeconds(round * 3L), "1000", shape)
                        .withId(Report.randomId());
                windows.add(org, 0, "probe-" + p, Instant.now(), CompactReportCodec.encode(r), r);
            }
            windows.snapshot(org);
        }
        long after = usedAfterGc();
        System.out.printf(
                "heap: %.1f KiB per probe (%d probes, 5 reports each, merged snapshot included)%n",
                (after - before) / 1024.0 / probes, probes);
        if (windows.snapshot(org).report().nodeCount() < 0) {
            System.out.println();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** One host: 40 processes, 20 containers (2 images), 40 endpoints connecting to the next host. */
    static Report probeReport(int p, int probes, Instant now) {
        return probeReport(p, probes, now, "1000");
    }

    /** The same, with the host's {@code uptime} (the freshness benchmark's marker). */
    static Report probeReport(int p, int probes, Instant now, String uptime) {
        return probeReport(p, probes, now, uptime, Shape.HOST);
    }

    /**
     * What one probe's host holds: {@link #HOST} is this benchmark's (103 report nodes), {@link
     * #SMALL_HOST} a third of it (34 nodes: 300 such probes make the org of 10,000 nodes).
     */
    record Shape(int containers, int processes, int listeningEndpoints) {
        static final Shape HOST = new Shape(20, 40, 20);
        static final Shape SMALL_HOST = new Shape(7, 14, 5);

        static Shape named(String name) {
            return switch (name) {
                case "host" -> HOST;
                case "small" -> SMALL_HOST;
                default -> throw new IllegalArgumentException("shape must be host or small, not " + name);
            };
        }
    }

    /** One probe's report of the end-to-end bench ({@link Shape#SMALL_HOST}: 34 nodes), for the decode benchmark. */
    public static Report smallHostReport() {
        return probeReport(1, 2, Instant.parse("2026-12-07T00:00:00Z"), "1000", Shape.SMALL_HOST, Report.randomId());
    }

    /** One host of the given shape: processes, containers (2 images), endpoints connecting to the next host. */
    static Report probeReport(int p, int probes, Instant now, String uptime, Shape shape) {
        return probeReport(p, probes, now, uptime, shape, Report.randomId());
    }

    /** The same, with the report's id. */
    static Report probeReport(int p, int probes, Instant now, String uptime, Shape shape, String id) {
        String host = "host" + p;
        String hostNodeId = host + ";<host>";
        Report.Builder b = Report.builder().ts(now).id(id).window(Duration.ofSeconds(3));
        // Metadata templates as a real probe sends them (a few of each), so summaries have rows.
        b.topology(TopologyType.HOST)
                .metadataTemplate(new MetadataTemplate("host_name", "Hostname", 0, "", 11, ""))
                .metadataTemplate(new MetadataTemplate("uptime", "Uptime", 0, "duration", 2, ""));
        b.topology(TopologyType.PROCESS)
                .metadataTemplate(new MetadataTemplate("pid", "PID", 0, "number", 1, ""))
                .metadataTemplate(new MetadataTemplate("cmdline", "Command", 0, "", 2, ""));
        b.topology(TopologyType.CONTAINER)
                .metadataTemplate(new MetadataTemplate("docker_image_name", "Image", 0, "", 1, ""))
                .metadataTemplate(new MetadataTemplate("docker_container_state", "State", 0, "", 3, ""))
                .metadataTemplate(new MetadataTemplate("docker_container_id", "ID", 12, "", 10, ""));
        b.node(
                TopologyType.HOST,
                Node.builder(hostNodeId, "host")
                        .latest("host_name", now, host)
                        .latest("control_probe_id", now, "probe" + p)
                        .latest("uptime", now, uptime)
                        .set("local_networks", "10.0.0.0/8")
                        .metric("host_cpu_usage_percent", Metric.of(0, 100, new Sample(now, 3.5)))
                        .build());
        for (int c = 0; c < shape.containers(); c++) {
            String cid = host + "-c" + c;
            b.node(
                    TopologyType.CONTAINER,
                    Node.builder(cid + ";<container>", "container")
                            .latest("docker_container_id", now, cid)
                            .latest("docker_container_name", now, "app-" + c)
                            .latest("docker_container_state", now, "running")
                            .latest("docker_image_id", now, "img" + (c % 2))
                            .latest("host_node_id", now, hostNodeId)
                            .set("docker_container_ips_with_scopes", ";10." + (p % 250) + "." + c + ".2")
                            .parent("host", hostNodeId)
                            .metric("docker_cpu_total_usage", Metric.of(0, 100, new Sample(now, 1.0)))
                            .build());
        }
        for (int i = 0; i < 2; i++) {
            b.node(
                    TopologyType.CONTAINER_IMAGE,
                    Node.builder("img" + i + ";<container_image>", "container_image")
                            .latest("docker_image_id", now, "img" + i)
                            .latest("docker_image_name", now, "example/app" + i + ":1.0")
                            .parent("host", hostNodeId)
                            .build());
        }
        for (int pid = 1; pid <= shape.processes(); pid++) {
            Node.Builder proc = Node.builder(host + ";" + pid, "process")
                    .latest("pid", now, Integer.toString(pid))
                    .latest("name", now, "proc" + (pid % 10))
                    .latest("cmdline", now, "/usr/bin/proc" + pid + " --flag")
                    .latest("host_node_id", now, hostNodeId)
                    .parent("host", hostNodeId)
                    .metric("process_cpu_usage_percent", Metric.of(0, 100, new Sample(now, 0.5)));
            if (pid <= shape.containers()) {
                proc.latest("docker_container_id", now, host + "-c" + (pid - 1));
                proc.parent("container", host + "-c" + (pid - 1) + ";<container>");
            }
            b.node(TopologyType.PROCESS, proc.build());
        }
        String next = "host" + ((p + 1) % probes);
        for (int e = 0; e < shape.listeningEndpoints(); e++) {
            String local = ";10." + (p % 250) + "." + e + ".2;" + (40000 + e);
            String remote = ";10." + (((p + 1) % probes) % 250) + "." + e + ".2;80";
            b.node(
                    TopologyType.ENDPOINT,
                    Node.builder(local, "endpoint")
                            .latest("pid", now, Integer.toString(e + 1))
                            .latest("host_node_id", now, hostNodeId)
                            .adjacent(remote)
                            .build());
            b.node(
                    TopologyType.ENDPOINT,
                    Node.builder(";10." + (p % 250) + "." + e + ".2;80", "endpoint")
                            .latest("pid", now, Integer.toString(e + 1))
                            .latest("host_node_id", now, hostNodeId)
                            .build());
        }
        if (next.isEmpty()) {
            throw new IllegalStateException();
        }
        return b.build();
    }
}
