package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.endpoint.EndpointIds;
import io.scopecloud.report.Control;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerReporterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:40:00Z"), ZoneOffset.UTC);

    @TempDir
    Path proc;

    private final FakeRuntimeApi api = new FakeRuntimeApi();
    private final List<Report> shortcuts = new CopyOnWriteArrayList<>();
    private ContainerRegistry registry;
    private DockerReporter reporter;
    private final DockerContainer web = DockerFixtures.container("podman-4.3-inspect-running.json");

    private void start(DockerContainer... containers) throws InterruptedException {
        for (DockerContainer c : containers) {
            api.containers.put(c.id(), c);
        }
        api.images.add(new DockerImage(web.imageId(), List.of("localhost/busybox:latest"), 2131032, 2131032, Map.of()));
        api.networks.add(new DockerNetwork("bridge", "bridge", List.of("10.88.0.0/16")));
        registry = new ContainerRegistry(
                api, new NamespaceAddresses(proc), Duration.ofSeconds(10), Duration.ofSeconds(10), System::nanoTime);
        reporter = new DockerReporter(
                registry,
                new ContainerNodes(new EndpointIds("h1", List.of()), false, true),
                "h1",
                "probe-7",
                () -> new DockerReporter.HostAddresses(List.of("192.0.2.5"), List.of("127.0.0.1", "192.0.2.5")),
                shortcuts::add,
                CLOCK);
        registry.setListener(reporter);
        registry.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!api.unreachable
                && (registry.containers().size() < containers.length
                        || registry.image(web.imageId()).isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void reportsContainersImagesAndTheEnginesNetworks() throws Exception {
        start(web);
        Report report = reporter.report();

        Topology containers = report.topology(TopologyType.CONTAINER);
        Node node = containers.nodes().get(web.id() + ";<container>");
        assertThat(node.latestValue("control_probe_id")).contains("probe-7");
        assertThat(node.latestValue("docker_image_name")).contains("localhost/busybox");
        assertThat(node.sets().get("docker_container_ips")).containsExactly("10.88.0.6");
        assertThat(node.sets().get("docker_container_ips_with_scopes")).containsExactly(";10.88.0.6");
        assertThat(node.sets().get("docker_container_ports")).containsExactly("192.0.2.5:18080->80/tcp");
        assertThat(node.sets().get("docker_container_networks")).containsExactly("podman");

        Node image = report.topology(TopologyType.CONTAINER_IMAGE).nodes().get(web.imageId() + ";<container_image>");
        assertThat(image.latestValue("docker_image_size")).contains("2.1 MB");
        assertThat(report.topology(TopologyType.OVERLAY)
                        .nodes()
                        .get("#docker_peer_h1")
                        .sets()
                        .get("local_networks"))
                .containsExactly("10.88.0.0/16");
    }

    @Test
    void declaresScopesTemplatesAndControls() throws Exception {
        start(web);
        Topology containers = reporter.report().topology(TopologyType.CONTAINER);

        assertThat(containers.metadataTemplates().values())
                .containsExactlyInAnyOrder(
                        new MetadataTemplate("docker_image_tag", "Image tag", 0, "", 1, "latest"),
                        new MetadataTemplate("docker_image_name", "Image name", 0, "", 2, "latest"),
                        new MetadataTemplate("docker_container_command", "Command", 0, "", 3, "latest"),
                        new MetadataTemplate("docker_container_state_human", "State", 0, "", 4, "latest"),
                        new MetadataTemplate("docker_container_uptime", "Uptime", 0, "duration", 5, "latest"),
                        new MetadataTemplate("docker_container_restart_count", "Restart #", 0, "", 6, "latest"),
                        new MetadataTemplate("docker_container_networks", "Networks", 0, "", 7, "sets"),
                        new MetadataTemplate("docker_container_ips", "IPs", 0, "", 8, "sets"),
                        new MetadataTemplate("docker_container_ports", "Ports", 0, "", 9, "sets"),
                        new MetadataTemplate("docker_container_created", "Created", 0, "datetime", 10, "latest"),
                        new MetadataTemplate("docker_container_id", "ID", 12, "", 11, "latest"));
        assertThat(containers.metricTemplates().values())
                .containsExactlyInAnyOrder(
                        new MetricTemplate("docker_cpu_total_usage", "CPU", "percent", "", 1),
                        new MetricTemplate("docker_memory_usage", "Memory", "filesize", "", 2));
        TableTemplate imageTable = containers.tableTemplates().get("image_table");
        assertThat(imageTable.fixedRows())
                .containsEntry("docker_image_id", " ID")
                .containsEntry("docker_image_virtual_size", "Virtual size");
        assertThat(containers.tableTemplates().get("docker_env_").prefix()).isEqualTo("docker_env_");
        assertThat(containers.controls().values())
                .contains(
                        new Control("docker_attach_container", "Attach", "fa fa-desktop", 1),
                        new Control("docker_exec_container", "Exec shell", "fa fa-terminal", 2),
                        new Control("docker_start_container", "Start", "fa fa-play", 3),
                        new Control("docker_restart_container", "Restart", "fa fa-redo", 4),
                        new Control("docker_pause_container", "Pause", "fa fa-pause", 5),
                        new Control("docker_unpause_container", "Unpause", "fa fa-play", 6),
                        new Control("docker_stop_container", "Stop", "fa fa-stop", 7),
                        new Control("docker_remove_container", "Remove", "far fa-trash-alt", 8));
        assertThat(reporter.report().topology(TopologyType.CONTAINER_IMAGE).metadataTemplates())
                .containsEntry(
                        "container", new MetadataTemplate("container", "# Containers", 0, "number", 2, "counters"));
    }

    @Test
    void containersSharingANamespaceOrTheHostsGetItsAddresses() throws Exception {
        DockerContainer shared = new DockerContainer(
                "c".repeat(64),
                "sidecar",
                web.created(),
                "sleep",
                List.of(),
                web.imageId(),
                "",
                "h",
                "",
                false,
                List.of(),
                Map.of(),
                web.state(),
                0,
                "container:" + web.id().substring(0, 12),
                DockerContainer.NetworkSettings.none());
        DockerContainer host = new DockerContainer(
                "d".repeat(64),
                "agent",
                web.created(),
                "sleep",
                List.of(),
                web.imageId(),
                "",
                "h",
                "",
                false,
                List.of(),
                Map.of(),
                web.state(),
                0,
                "host",
                DockerContainer.NetworkSettings.none());
        start(web, shared, host);
        Map<String, Node> nodes =
                reporter.report().topology(TopologyType.CONTAINER).nodes();

        assertThat(nodes.get(shared.id() + ";<container>").sets().get("docker_container_ips"))
                .containsExactly("10.88.0.6");
        Node hostNode = nodes.get(host.id() + ";<container>");
        assertThat(hostNode.sets().get("docker_container_ips")).containsExactly("127.0.0.1", "192.0.2.5");
        assertThat(hostNode.latestValue("docker_is_in_host_network")).contains("true");
    }

    @Test
    void publishesAShortcutWithJustTheContainerWhenItChangesOrGoes() throws Exception {
        start(web);
        shortcuts.clear();
        api.push(new EngineEvent("container", "die", web.id(), Map.of()));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shortcuts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Report shortcut = shortcuts.get(0);
        assertThat(shortcut.topology(TopologyType.CONTAINER).nodes()).containsOnlyKeys(web.id() + ";<container>");
        assertThat(shortcut.topology(TopologyType.PROCESS).nodes()).isEmpty();

        api.push(new EngineEvent("container", "destroy", web.id(), Map.of()));
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shortcuts.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Node gone = shortcuts.get(1).topology(TopologyType.CONTAINER).nodes().get(web.id() + ";<container>");
        assertThat(gone.latestValue("docker_container_state")).contains("deleted");
    }

    @Test
    void reportsNothingWithoutAnEngine() throws Exception {
        api.unreachable = true;
        start();
        assertThat(reporter.report()).isEqualTo(Report.empty());
    }
}
