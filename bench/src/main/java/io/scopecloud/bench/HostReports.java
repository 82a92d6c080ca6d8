package io.scopecloud.bench;

import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates realistic host reports of 1,000 nodes: 1 host, 299 processes, 600 endpoints (with edges), 100
 * containers; latest entries, sets, parents and metrics as a real probe sends them. Successive reports of one host
 * reuse its node IDs with newer timestamps and new samples, so merging them merges nodes, not just maps.
 */
final class HostReports {
    static final int NODES_PER_REPORT = 1000;
    private static final Instant BASE = Instant.parse("2026-11-23T00:17:00Z");
    private static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(3);

    private HostReports() {}

    /** {@code hosts × reportsPerHost} reports; report k of a host is published at BASE + 3 s × k. */
    static List<Report> window(int hosts, int reportsPerHost) {
        List<Report> out = new ArrayList<>(hosts * reportsPerHost);
        for (int h = 0; h < hosts; h++) {
            for (int k = 0; k < reportsPerHost; k++) {
                out.add(report("host-" + h, k));
            }
        }
        return out;
    }

    static Report report(String hostname, int k) {
        Random random = new Random(hostname.hashCode() * 31L + k);
        Instant ts = BASE.plus(PUBLISH_INTERVAL.multipliedBy(k));
        String hostId = NodeIds.makeHostId(hostname);
        Report.Builder b = Report.builder().id(Report.randomId()).ts(ts).windowNanos(PUBLISH_INTERVAL.toNanos());
        b.node(
                TopologyType.HOST,
                Node.builder(hostId, "host")
                        .latest("host_name", ts, hostname)
                        .latest("os", ts, "linux")
                        .latest("kernel_version", ts, "6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC")
                        .latest("uptime", ts, Integer.toString(5000 + 3 * k))
                        .latest("control_probe_id", ts, Long.toHexString(hostname.hashCode()))
                        .latest(Node.ACTIVE_CONTROLS, ts, "host_exec")
                        .set("local_networks", "10.0.0.0/8", "172.17.0.1/16")
                        .parent("host", hostId)
                        .metric("host_cpu_usage_percent", metric(random, ts, 0, 100))
                        .metric("host_mem_usage_bytes", metric(random, ts, 0, 25e9))
                        .metric("load1", metric(random, ts, 0, 4))
                        .build());
        for (int p = 0; p < 299; p++) {
            int pid = 1000 + p;
            b.node(
                    TopologyType.PROCESS,
                    Node.builder(NodeIds.makeProcessId(hostname, pid), "process")
                            .latest("pid", ts, Integer.toString(pid))
                            .latest("name", ts, "worker-" + (p % 17))
                            .latest("cmdline", ts, "/usr/bin/worker-" + (p % 17) + " --port=" + (8000 + p))
                            .latest("ppid", ts, "1")
                            .latest("threads", ts, Integer.toString(1 + p % 8))
                            .latest("host_node_id", ts, hostId)
                            .parent("host", hostId)
                            .metric("process_cpu_usage_percent", metric(random, ts, 0, 200))
                            .metric("process_memory_usage_bytes", metric(random, ts, 0, 1.8446744073709552E19))
                            .metric("open_files_count", metric(random, ts, 0, 1024))
                            .build());
        }
        String hostIp =
                "10.0." + Math.abs(hostname.hashCode() % 250) + "." + (1 + Math.abs(hostname.hashCode() / 7) % 250);
        for (int e = 0; e < 600; e++) {
            int port = 30000 + e;
            Node.Builder n = Node.builder(NodeIds.makeEndpointId("", hostIp, port), "endpoint")
                    .latest("pid", ts, Integer.toString(1000 + e % 299))
                    .latest("host_node_id", ts, hostId);
            if (e % 2 == 0) {
                n.adjacent(NodeIds.makeEndpointId("", "10.1." + (e % 200) + ".9", 443));
            }
            if (e % 5 == 0) {
                n.latest("conn_count", ts, Integer.toString(1 + random.nextInt(4)));
            }
            b.node(TopologyType.ENDPOINT, n.build());
        }
        for (int c = 0; c < 100; c++) {
            // 64 hex digits like Docker's, distinct per host: containers belong to one host.
            String cid = String.format("%08x%04d%052x", hostname.hashCode(), c, (long) c * 7919);
            b.node(
                    TopologyType.CONTAINER,
                    Node.builder(NodeIds.makeContainerId(cid), "container")
                            .latest("docker_container_id", ts, cid)
                            .latest("docker_container_name", ts, "app-" + c)
                            .latest("docker_container_state", ts, "running")
                            .latest("docker_image_id", ts, "sha256:" + Integer.toHexString(c % 10))
                            .latest("docker_label_app", ts, "app-" + (c % 10))
                            .latest("host_node_id", ts, hostId)
                            .set("docker_container_ips_with_scopes", ";172.17.0." + (2 + c))
                            .parent("host", hostId)
                            .parent("container_image", NodeIds.makeContainerImageId("sha256:" + (c % 10)))
                            .metric("docker_cpu_total_usage", metric(random, ts, 0, 100))
                            .build());
        }
        return b.build();
    }

    /** Three samples, one per second up to {@code ts}: the probe's spy ticks within one publish. */
    private static Metric metric(Random random, Instant ts, double min, double max) {
        List<Sample> samples = new ArrayList<>(3);
        for (int s = 2; s >= 0; s--) {
            samples.add(new Sample(ts.minusSeconds(s), min + random.nextDouble() * (max - min) / 2));
        }
        return new Metric(samples, min, max);
    }
}
