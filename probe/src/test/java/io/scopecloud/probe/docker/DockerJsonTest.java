package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.GoTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerJsonTest {
    @Test
    void readsPodmansInspectOfARunningContainer() {
        DockerContainer c = DockerFixtures.container("podman-4.3-inspect-running.json");

        assertThat(c.id()).isEqualTo("d8902a2f4ccc75a3d6c1f6f8121f256387cea2e72ff2ae9aac69e729587a03d0");
        assertThat(c.name()).isEqualTo("fx-web");
        assertThat(c.created()).isEqualTo(Instant.parse("2026-11-23T09:37:30.487045056Z"));
        // podman reports its init as the path ("/run/podman-init -- httpd ..."): the user's command is shown
        assertThat(c.path()).isEqualTo("httpd");
        assertThat(c.args()).containsExactly("-f", "-p", "80");
        assertThat(c.imageId()).isEqualTo("cd293b94348c59b48963e9a69d591114bfec766a2541189ca8bb90db5427c33b");
        assertThat(c.imageName()).isEqualTo("localhost/busybox:latest");
        assertThat(c.hostname()).isEqualTo("d8902a2f4ccc");
        assertThat(c.labels()).containsEntry("com.example.tier", "web");
        assertThat(c.env()).contains("GREETING=hello");
        assertThat(c.state().running()).isTrue();
        assertThat(c.state().pid()).isPositive();
        assertThat(c.state().stateString()).isEqualTo("running");
        assertThat(GoTime.isZero(c.state().finishedAt())).isTrue();
        assertThat(c.networkMode()).isEqualTo("bridge");
        assertThat(c.network().networks()).containsEntry("podman", "10.88.0.6");
        assertThat(c.network().ports()).containsKey("80/tcp");
        assertThat(c.network().ports().get("80/tcp")).containsExactly(new DockerContainer.PortBinding("", "18080"));
        assertThat(c.isStopped()).isFalse();
    }

    @Test
    void readsAnExitedContainer() {
        DockerContainer c = DockerFixtures.container("podman-4.3-inspect-exited.json");

        assertThat(c.state().running()).isFalse();
        assertThat(c.state().stateString()).isEqualTo("exited");
        assertThat(c.isStopped()).isTrue();
        assertThat(GoTime.isZero(c.state().finishedAt())).isFalse();
    }

    @Test
    void readsDockersInspectOfAPausedContainer() {
        DockerContainer c = DockerFixtures.container("docker-24-inspect-paused.json");

        assertThat(c.name()).isEqualTo("web");
        assertThat(c.state().stateString()).isEqualTo("paused");
        assertThat(c.isStopped()).isFalse();
        assertThat(c.fullHostname()).isEqualTo("6a1b2c3d4e5f.example.com");
        assertThat(c.restartCount()).isEqualTo(1);
        assertThat(c.network().ipAddress()).isEqualTo("172.17.0.2");
        assertThat(c.network().ports().get("443/tcp")).isEmpty();
        assertThat(c.network().ports().get("80/tcp")).hasSize(2);
        assertThat(c.network().networks()).containsKeys("bridge", "backend", "none");
    }

    @Test
    void readsImagesAndNetworks() {
        List<DockerImage> images = DockerJson.images(DockerFixtures.json("podman-4.3-images.json"));
        assertThat(images).singleElement().satisfies(image -> {
            assertThat(image.id()).isEqualTo("cd293b94348c59b48963e9a69d591114bfec766a2541189ca8bb90db5427c33b");
            assertThat(image.repoTags()).containsExactly("localhost/busybox:latest");
            assertThat(image.size()).isEqualTo(2131032);
        });
        List<DockerNetwork> networks = DockerJson.networks(DockerFixtures.json("podman-4.3-networks.json"));
        assertThat(networks).anySatisfy(n -> {
            assertThat(n.name()).isEqualTo("bridge"); // podman's default network, named as Docker's
            assertThat(n.subnets()).containsExactly("10.88.0.0/16");
        });
    }

    @Test
    void readsStatsOfBothEnginesAndCgroupVersions() {
        StatsSample podman = DockerJson.stats(DockerFixtures.json("podman-4.3-stats.json"));
        assertThat(podman.memoryUsage()).isPositive();
        assertThat(podman.memoryCache()).isZero(); // podman reports usage and limit only
        assertThat(podman.memoryWithoutCache()).isEqualTo((double) podman.memoryUsage());
        assertThat(podman.cpuTotalNanos()).isPositive();
        assertThat(podman.systemCpuNanos()).isPositive();

        StatsSample v1 = DockerJson.stats(DockerFixtures.json("docker-24-stats-cgroup1.json"));
        assertThat(v1.read()).isEqualTo(Instant.parse("2023-06-13T10:00:01.000000001Z"));
        assertThat(v1.memoryWithoutCache()).isEqualTo(10485760 - 2097152);
        assertThat(v1.memoryLimit()).isEqualTo(2147483648L);

        StatsSample v2 = DockerJson.stats(DockerFixtures.json("docker-24-stats-cgroup2.json"));
        assertThat(v2.memoryWithoutCache()).isEqualTo(10485760 - 4194304);
    }

    @Test
    void readsEventsOfEveryShape() {
        List<EngineEvent> events = DockerFixtures.text("events.jsonl")
                .lines()
                .map(line -> {
                    try {
                        return DockerJson.event(DockerJson.tree(line.getBytes(StandardCharsets.UTF_8)));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();

        assertThat(events.get(0))
                .isEqualTo(new EngineEvent(
                        "container",
                        "pause",
                        "64872afc8dc4052520bc314d5b5cb524159a9553df57498d90434f5df1c5968f",
                        events.get(0).attributes()));
        assertThat(events.get(0).attributes()).containsEntry("name", "t2");
        assertThat(events.get(1).type()).isEqualTo("network");
        assertThat(events.get(1).attributes())
                .containsEntry("container", "3d4a0b9e9f2a1a5f1d8ec2cbb0b3e34bb8a1a2cf5a5f0b0c0d0e0f1011121314");
        // before API 1.22: no Type, Action or Actor
        assertThat(events.get(2)).isEqualTo(new EngineEvent("container", "die", "3d4a0b9e9f2a", java.util.Map.of()));
    }

    @Test
    void readsTheEnginesErrorMessages() {
        assertThat(DockerJson.errorMessage("{\"message\":\"No such container: x\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("No such container: x");
        assertThat(DockerJson.errorMessage("page not found\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("page not found");
    }

    @Test
    void missingTimesAreTheZeroTime() {
        assertThat(DockerJson.time("")).isEqualTo(GoTime.ZERO);
        assertThat(DockerJson.time("garbage")).isEqualTo(GoTime.ZERO);
        assertThat(DockerJson.time("2023-06-13T12:00:00+02:00")).isEqualTo(Instant.parse("2023-06-13T10:00:00Z"));
    }
}
