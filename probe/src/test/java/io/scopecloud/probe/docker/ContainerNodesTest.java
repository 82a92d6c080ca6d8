package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.endpoint.EndpointIds;
import io.scopecloud.probe.endpoint.Ipv4Cidr;
import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerNodesTest {
    private static final Instant NOW = Instant.parse("2023-06-13T10:02:31.5Z");
    private static final EndpointIds IDS = new EndpointIds("h1", List.of(Ipv4Cidr.parse("172.17.0.1/16")));
    private final ContainerNodes nodes = new ContainerNodes(IDS, false, false);

    private static String latest(Node node, String key) {
        return node.latestValue(key).orElseThrow(() -> new AssertionError("no " + key + " in " + node));
    }

    @Test
    void aPausedDockerContainerAsScopeReportsIt() {
        DockerContainer c = DockerFixtures.container("docker-24-inspect-paused.json");
        Node node = nodes.node(c, Optional.empty(), NOW).build();

        assertThat(node.id()).isEqualTo(c.id() + ";<container>");
        assertThat(node.topology()).isEqualTo("container");
        assertThat(latest(node, "docker_container_id")).isEqualTo(c.id());
        assertThat(latest(node, "docker_container_name")).isEqualTo("web");
        assertThat(latest(node, "docker_container_created")).isEqualTo("2023-06-13T09:59:30.123456789Z");
        assertThat(latest(node, "docker_container_command")).isEqualTo("/docker-entrypoint.sh nginx -g daemon off;");
        assertThat(latest(node, "docker_image_id"))
                .isEqualTo("0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728ff");
        assertThat(latest(node, "docker_container_hostname")).isEqualTo("6a1b2c3d4e5f.example.com");
        assertThat(latest(node, "docker_container_state")).isEqualTo("paused");
        assertThat(latest(node, "docker_container_state_human")).isEqualTo("Up 3 minutes (Paused)");
        // without the image list, the name comes from the reference the container was made from
        assertThat(latest(node, "docker_image_name")).isEqualTo("library/nginx");
        assertThat(latest(node, "docker_image_tag")).isEqualTo("1.25");
        assertThat(latest(node, "docker_label_works.weave.role")).isEqualTo("system");
        assertThat(latest(node, "docker_env_NGINX_VERSION")).isEqualTo("1.25.1");
        assertThat(latest(node, "docker_env_EMPTY")).isEmpty();
        assertThat(node.latest()).doesNotContainKey("docker_env_BROKEN");
        // uptime, restarts and network mode only while running and not paused
        assertThat(node.latest()).doesNotContainKeys("docker_container_uptime", "docker_container_network_mode");
        assertThat(latest(node, "active_controls")).isEqualTo("docker_unpause_container;docker_get_logs");
        assertThat(node.parents().get("container_image"))
                .containsExactly("0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728ff;<container_image>");
    }

    @Test
    void aRunningPodmanContainerWithItsImage() {
        DockerContainer c = DockerFixtures.container("podman-4.3-inspect-running.json");
        DockerImage image =
                new DockerImage(c.imageId(), List.of("localhost/busybox:latest"), 2131032, 2131032, Map.of());
        Node node = nodes.node(c, Optional.of(image), NOW.plusSeconds(0)).build();

        assertThat(latest(node, "docker_container_state")).isEqualTo("running");
        assertThat(latest(node, "docker_container_command")).isEqualTo("httpd -f -p 80");
        assertThat(latest(node, "docker_image_name")).isEqualTo("localhost/busybox");
        assertThat(latest(node, "docker_image_tag")).isEqualTo("latest");
        assertThat(latest(node, "docker_container_restart_count")).isEqualTo("0");
        assertThat(latest(node, "docker_container_network_mode")).isEqualTo("bridge");
        assertThat(node.latest()).containsKey("docker_container_uptime");
        assertThat(latest(node, "active_controls"))
                .isEqualTo("docker_restart_container;docker_stop_container;docker_pause_container;"
                        + "docker_attach_container;docker_exec_container;docker_get_logs");
    }

    @Test
    void hidesEnvironmentAndArgumentsOnRequest() {
        ContainerNodes quiet = new ContainerNodes(IDS, true, true);
        Node node = quiet.node(DockerFixtures.container("docker-24-inspect-paused.json"), Optional.empty(), NOW)
                .build();

        assertThat(node.latest().keySet()).noneMatch(k -> k.startsWith("docker_env_"));
        assertThat(latest(node, "docker_container_command")).isEqualTo("/docker-entrypoint.sh");
        assertThat(latest(node, "docker_label_maintainer")).isEqualTo("NGINX Docker Maintainers");
    }

    @Test
    void stoppedContainersOfferStartRemoveAndLogs() {
        DockerContainer c = DockerFixtures.container("podman-4.3-inspect-exited.json");
        Node node = nodes.node(c, Optional.empty(), c.state().finishedAt().plusSeconds(5))
                .build();

        assertThat(latest(node, "active_controls"))
                .isEqualTo("docker_start_container;docker_remove_container;docker_get_logs");
        assertThat(latest(node, "docker_container_state_human")).isEqualTo("Exited (0) 5 seconds ago");
    }

    @Test
    void networkSetsScopeIpsAsEndpointsAre() {
        DockerContainer c = DockerFixtures.container("docker-24-inspect-paused.json");
        Map<String, List<String>> sets = nodes.networkSets(c, List.of("10.32.0.7", "fe80::1"), List.of("192.0.2.5"));

        assertThat(sets.get("docker_container_networks")).containsExactly("backend", "bridge");
        assertThat(sets.get("docker_container_ips")).containsExactly("10.0.9.4", "10.32.0.7", "172.17.0.2");
        // 172.17.0.2 is in the local bridge: scoped with the host, as its endpoints are
        assertThat(sets.get("docker_container_ips_with_scopes"))
                .containsExactly(";10.0.9.4", ";10.32.0.7", "h1;172.17.0.2");
        assertThat(sets.get("docker_container_ports"))
                .containsExactly("192.0.2.5:8080->80/tcp", "192.168.1.10:5353->53/udp", "443/tcp");
        assertThat(nodes.hostNetworkSets(List.of("127.0.0.1", "192.0.2.5", "::1")))
                .containsEntry("docker_container_ips", List.of("127.0.0.1", "192.0.2.5"))
                .containsEntry("docker_container_ips_with_scopes", List.of("h1;127.0.0.1", ";192.0.2.5"));
    }

    @Test
    void cpuIsRelativeToThePreviousReadingAndMemoryLeavesOutTheCache() {
        Instant t0 = Instant.parse("2023-06-13T10:00:00Z");
        List<StatsSample> stats = List.of(
                new StatsSample(t0, 1_000_000_000L, 40_000_000_000L, 10_000_000, 2_000_000, 100_000_000),
                new StatsSample(t0.plusSeconds(1), 1_500_000_000L, 42_000_000_000L, 12_000_000, 2_000_000, 100_000_000),
                new StatsSample(t0.plusSeconds(2), 1_500_000_000L, 44_000_000_000L, 9_000_000, 0, 100_000_000));

        Map<String, Metric> metrics = ContainerNodes.metrics(stats);

        Metric cpu = metrics.get("docker_cpu_total_usage");
        assertThat(cpu.samples()).extracting(s -> s.value()).containsExactly(25.0, 0.0);
        assertThat(cpu.samples().get(0).date()).isEqualTo(t0.plusSeconds(1));
        assertThat(cpu.max()).isEqualTo(100.0);
        Metric memory = metrics.get("docker_memory_usage");
        assertThat(memory.samples()).extracting(s -> s.value()).containsExactly(8_000_000.0, 10_000_000.0, 9_000_000.0);
        assertThat(memory.min()).isEqualTo(8_000_000.0);
        assertThat(memory.max()).isEqualTo(100_000_000.0);

        // one reading: memory only; none: nothing
        assertThat(ContainerNodes.metrics(stats.subList(0, 1))).containsOnlyKeys("docker_memory_usage");
        assertThat(ContainerNodes.metrics(List.of())).isEmpty();
    }

    @Test
    void imageNodesAsScopeReportsThem() {
        Node image = ContainerNodes.imageNode(
                new DockerImage(
                        "abc",
                        List.of("quay.io/prometheus/node-exporter:v1.6.0"),
                        23_456_789,
                        23_456_789,
                        Map.of("org.opencontainers.image.vendor", "Prometheus")),
                NOW);

        assertThat(image.id()).isEqualTo("abc;<container_image>");
        assertThat(latest(image, "docker_image_id")).isEqualTo("abc");
        assertThat(latest(image, "docker_image_name")).isEqualTo("prometheus/node-exporter");
        assertThat(latest(image, "docker_image_tag")).isEqualTo("v1.6.0");
        assertThat(latest(image, "docker_image_size")).isEqualTo("24 MB"); // 23.5, half to even
        assertThat(latest(image, "docker_image_label_org.opencontainers.image.vendor"))
                .isEqualTo("Prometheus");
        assertThat(ContainerNodes.imageNode(new DockerImage("def", List.of(), 5, 5, Map.of()), NOW)
                        .latest())
                .doesNotContainKey("docker_image_name");
    }

    @Test
    void aDestroyedContainerIsReportedDeleted() {
        Node node = ContainerNodes.deletedNode("abc", NOW);
        assertThat(node.id()).isEqualTo("abc;<container>");
        assertThat(latest(node, "docker_container_state")).isEqualTo("deleted");
        assertThat(latest(node, "docker_container_id")).isEqualTo("abc");
    }

    @Test
    void formatsTimesAsGoDoes() {
        assertThat(ContainerNodes.rfc3339Nano(Instant.parse("2023-06-13T10:00:00.500Z")))
                .isEqualTo("2023-06-13T10:00:00.5Z");
        assertThat(ContainerNodes.rfc3339Nano(Instant.parse("2023-06-13T10:00:00Z")))
                .isEqualTo("2023-06-13T10:00:00Z");
    }
}
