package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.process.ProcessCache;
import io.scopecloud.probe.process.ProcessReporter;
import io.scopecloud.probe.process.ProcessWalker;
import io.scopecloud.probe.testing.ProcTree;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixture tree host-a: 1 (systemd) → 812 (nginx) → 4242 (python), plus kthreadd (2). */
class DockerTaggerTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:17:10Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private final FakeRuntimeApi api = new FakeRuntimeApi();
    private ContainerRegistry registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static DockerContainer container(String id, int pid, boolean running) {
        DockerContainer c = DockerFixtures.container("podman-4.3-inspect-running.json");
        DockerContainer.State state = new DockerContainer.State(
                running ? "running" : "exited",
                running,
                false,
                false,
                false,
                running ? pid : 0,
                0,
                c.state().startedAt(),
                c.state().finishedAt());
        return new DockerContainer(
                id,
                id.substring(0, 4),
                c.created(),
                c.path(),
                c.args(),
                c.imageId(),
                c.imageName(),
                c.hostname(),
                c.domainname(),
                false,
                c.env(),
                c.labels(),
                state,
                0,
                c.networkMode(),
                c.network());
    }

    private Report tagged(Path proc, DockerContainer... containers) throws Exception {
        for (DockerContainer c : containers) {
            api.containers.put(c.id(), c);
        }
        registry = new ContainerRegistry(
                api, new NamespaceAddresses(proc), Duration.ofSeconds(10), Duration.ofSeconds(10), System::nanoTime);
        registry.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (registry.containers().size() < containers.length && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ProcessCache cache = new ProcessCache(new ProcessWalker(proc, 4096, System::nanoTime), proc, CLOCK);
        cache.tick();
        Report processes = new ProcessReporter("host-a", cache, false).report();
        return new DockerTagger(registry, cache, proc, System::nanoTime, CLOCK).apply(processes);
    }

    private static Node process(Report r, int pid) {
        return r.topology(TopologyType.PROCESS).nodes().get("host-a;" + pid);
    }

    @Test
    void processesUnderAContainersMainProcessAreInIt() throws Exception {
        Report r = tagged(ProcTree.copy("host-a", temp), container(A, 812, true));

        for (int pid : new int[] {812, 4242}) {
            assertThat(process(r, pid).latestValue("docker_container_id")).contains(A);
            assertThat(process(r, pid).parents().get("container")).containsExactly(A + ";<container>");
        }
        assertThat(process(r, 1).latest()).doesNotContainKey("docker_container_id");
        assertThat(process(r, 1).parents()).doesNotContainKey("container");
    }

    @Test
    void theCgroupNamesTheContainerOfAProcessStartedByExec() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        Files.writeString(proc.resolve("4242/cgroup"), "0::/libpod_parent/libpod-" + B + "\n");
        Files.writeString(proc.resolve("812/cgroup"), "0::/system.slice/nginx.service\n");
        Report r = tagged(proc, container(A, 812, true), container(B, 777, true));

        assertThat(process(r, 4242).latestValue("docker_container_id")).contains(B);
        assertThat(process(r, 812).latestValue("docker_container_id")).contains(A);
    }

    @Test
    void stoppedAndUnknownContainersTagNothing() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        Files.writeString(proc.resolve("4242/cgroup"), "0::/docker/" + B + "\n");
        Report r = tagged(proc, container(A, 812, false));

        assertThat(r.topology(TopologyType.PROCESS).nodes().values())
                .allSatisfy(n -> assertThat(n.latest()).doesNotContainKey("docker_container_id"));
        assertThat(Map.copyOf(r.topology(TopologyType.PROCESS).nodes())).hasSize(4);
    }
}
