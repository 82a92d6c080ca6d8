package io.scopecloud.probe.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scopecloud.probe.testing.Fixtures;
import io.scopecloud.probe.testing.ProcTree;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessReporterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:17:10Z");

    @TempDir
    Path temp;

    @Test
    void walksEveryLiveProcessOfAProcTree() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        Map<Integer, ProcessInfo> byPid = new ProcessWalker(proc, 4096, System::nanoTime)
                .walk().stream().collect(Collectors.toMap(ProcessInfo::pid, p -> p));

        assertThat(byPid.keySet()).containsExactlyInAnyOrder(1, 2, 812, 4242); // 999 is a zombie
        assertThat(byPid.get(4242))
                .isEqualTo(new ProcessInfo(
                        4242,
                        812,
                        "/usr/bin/python3",
                        "/usr/bin/python3 client.py --target 127.0.0.1:80 ",
                        3,
                        200,
                        2364L * 4096,
                        1.8446744073709552E19, // 2^64 - 1 as a double
                        4,
                        20000));
        assertThat(byPid.get(2).name()).isEqualTo("[kthreadd]");
        assertThat(byPid.get(2).cmdline()).isEmpty();
        assertThat(byPid.get(1).openFilesLimit()).isEqualTo(1024);
    }

    @Test
    void cachesCommandLinesForAMinute() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        AtomicLong nanos = new AtomicLong();
        ProcessWalker walker = new ProcessWalker(proc, 4096, nanos::get);
        walker.walk();
        Files.write(proc.resolve("812/cmdline"), "nginx: worker\0".getBytes(StandardCharsets.UTF_8));

        assertThat(find(walker.walk(), 812).name()).isEqualTo("nginx: master process /usr/sbin/nginx -g daemon off;");
        nanos.addAndGet(ProcessWalker.CACHE_NANOS);
        assertThat(find(walker.walk(), 812).name()).isEqualTo("nginx: worker");
    }

    @Test
    void reportsProcessesWithScopesKeysMetricsAndIds() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        ProcessCache cache = cache(proc);
        cache.tick();
        Files.writeString(
                proc.resolve("4242/stat"),
                Files.readString(proc.resolve("4242/stat")).replace(" 150 50 ", " 170 80 "));
        Files.writeString(
                proc.resolve("stat"),
                Files.readString(proc.resolve("stat")).replace("cpu  7907 0 2101 56149", "cpu  8007 0 2201 56349"));
        cache.tick();

        Report report = new ProcessReporter("host-a", cache, false).report();
        Map<String, Node> nodes = report.topology(TopologyType.PROCESS).nodes();

        assertThat(nodes.keySet()).containsExactlyInAnyOrder("host-a;1", "host-a;2", "host-a;812", "host-a;4242");
        Node python = nodes.get("host-a;4242");
        assertThat(python.latestValue("pid")).contains("4242");
        assertThat(python.latestValue("ppid")).contains("812");
        assertThat(python.latestValue("name")).contains("/usr/bin/python3");
        assertThat(python.latestValue("cmdline")).contains("/usr/bin/python3 client.py --target 127.0.0.1:80 ");
        assertThat(python.latestValue("threads")).contains("3");
        assertThat(python.metrics().keySet())
                .containsExactlyInAnyOrder(
                        "process_cpu_usage_percent", "process_memory_usage_bytes", "open_files_count");
        // 50 jiffies of the process over 400 jiffies of all CPUs, Scope's formula; max = 2 CPUs * 100
        assertThat(python.metrics().get("process_cpu_usage_percent").lastValue().getAsDouble())
                .isCloseTo(12.5, within(1e-9));
        assertThat(python.metrics().get("process_cpu_usage_percent").max()).isEqualTo(200.0);
        assertThat(python.metrics().get("open_files_count").max()).isEqualTo(20000.0);
        assertThat(python.metrics()
                        .get("process_memory_usage_bytes")
                        .lastValue()
                        .getAsDouble())
                .isEqualTo(2364.0 * 4096);
        Node kthread = nodes.get("host-a;2");
        assertThat(kthread.latest()).doesNotContainKeys("cmdline", "ppid");
    }

    @Test
    void omitsCpuUntilAProcessHasBeenSeenTwice() throws Exception {
        ProcessCache cache = cache(ProcTree.copy("host-a", temp));
        cache.tick();

        Node python = new ProcessReporter("host-a", cache, false)
                .report()
                .topology(TopologyType.PROCESS)
                .nodes()
                .get("host-a;4242");
        assertThat(python.metrics()).doesNotContainKey("process_cpu_usage_percent");
    }

    @Test
    void stripsArgumentsWhenAsked() throws Exception {
        ProcessCache cache = cache(ProcTree.copy("host-a", temp));
        cache.tick();

        Node python = new ProcessReporter("host-a", cache, true)
                .report()
                .topology(TopologyType.PROCESS)
                .nodes()
                .get("host-a;4242");
        assertThat(python.latestValue("cmdline")).contains("/usr/bin/python3");
    }

    @Test
    void emitsTheProcessTemplatesOfScopesProbe() throws Exception {
        ProcessCache cache = cache(ProcTree.copy("host-a", temp));
        cache.tick();
        Topology ours = new ProcessReporter("host-a", cache, false).report().topology(TopologyType.PROCESS);
        Topology scopes = Fixtures.report("report-004.json").topology(TopologyType.PROCESS);

        assertThat(ours.metadataTemplates()).isEqualTo(scopes.metadataTemplates());
        assertThat(ours.metricTemplates()).isEqualTo(scopes.metricTemplates());
        Node scopeNode = scopes.nodes().get("vm;17474");
        Node ourNode = ours.nodes().get("host-a;812");
        assertThat(ourNode.latest().keySet())
                .containsExactlyInAnyOrderElementsOf(scopeNode.latest().keySet().stream()
                        .filter(k -> !k.equals("host_node_id"))
                        .toList());
    }

    private ProcessCache cache(Path proc) {
        return new ProcessCache(
                new ProcessWalker(proc, 4096, System::nanoTime), proc, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProcessInfo find(List<ProcessInfo> processes, int pid) {
        return processes.stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    }
}
