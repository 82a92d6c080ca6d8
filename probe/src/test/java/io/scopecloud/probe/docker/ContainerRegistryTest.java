package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRegistryTest {
    @TempDir
    Path proc;

    private final FakeRuntimeApi api = new FakeRuntimeApi();
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private ContainerRegistry registry;

    private final DockerContainer running = DockerFixtures.container("podman-4.3-inspect-running.json");
    private final DockerContainer exited = DockerFixtures.container("podman-4.3-inspect-exited.json");

    private ContainerRegistry start() {
        return start(Duration.ofMillis(200));
    }

    /** @param interval the engine retry and image re-list interval */
    private ContainerRegistry start(Duration interval) {
        registry = new ContainerRegistry(
                api, new NamespaceAddresses(proc), interval, Duration.ofMillis(20), System::nanoTime);
        registry.setListener(new ContainerRegistry.Listener() {
            @Override
            public void updated(ContainerEntry entry) {
                heard.add("updated " + entry.container().id() + " "
                        + entry.container().state().stateString());
            }

            @Override
            public void removed(String containerId) {
                heard.add("removed " + containerId);
            }
        });
        registry.start();
        return registry;
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private String next() throws InterruptedException {
        String s = heard.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the registry said nothing");
        }
        return s;
    }

    private void awaitConnected() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!registry.connected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(registry.connected()).isTrue();
    }

    @Test
    void listsAndInspectsEveryContainerWhenItConnects() throws Exception {
        api.containers.put(running.id(), running);
        api.containers.put(exited.id(), exited);
        api.images.add(new DockerImage(running.imageId(), List.of("localhost/busybox:latest"), 1, 1, Map.of()));
        start();
        awaitConnected();

        assertThat(List.of(next(), next()))
                .containsExactlyInAnyOrder(
                        "updated " + running.id() + " running", "updated " + exited.id() + " exited");
        assertThat(registry.containers()).hasSize(2);
        assertThat(registry.image(running.imageId())).isPresent();
        assertThat(registry.containersByPid()).containsEntry(running.state().pid(), running.id());
        assertThat(registry.containerByPrefix(running.id().substring(0, 12))).isPresent();
        assertThat(registry.containerByPrefix("")).isEmpty(); // ambiguous
    }

    @Test
    void followsStateEventsAndRemovals() throws Exception {
        api.containers.put(running.id(), running);
        start();
        awaitConnected();
        next();

        DockerContainer paused = new DockerContainer(
                running.id(),
                running.name(),
                running.created(),
                running.path(),
                running.args(),
                running.imageId(),
                running.imageName(),
                running.hostname(),
                running.domainname(),
                running.tty(),
                running.env(),
                running.labels(),
                new DockerContainer.State(
                        "paused",
                        true,
                        true,
                        false,
                        false,
                        running.state().pid(),
                        0,
                        running.state().startedAt(),
                        running.state().finishedAt()),
                0,
                running.networkMode(),
                running.network());
        api.containers.put(running.id(), paused);
        api.push(new EngineEvent("container", "pause", running.id(), Map.of()));
        assertThat(next()).isEqualTo("updated " + running.id() + " paused");

        // events that do not change the state are ignored
        api.push(new EngineEvent("container", "exec_start: /bin/sh", running.id(), Map.of()));
        api.push(new EngineEvent("container", "remove", running.id(), Map.of()));
        assertThat(next()).isEqualTo("removed " + running.id());
        assertThat(registry.container(running.id())).isEmpty();
    }

    @Test
    void anInspectErrorDoesNotEndTheStream() throws Exception {
        start();
        awaitConnected();
        api.failInspect = new EngineException(500, "container x does not exist in database: no such container");
        api.push(new EngineEvent("container", "cleanup", "x", Map.of()));
        api.failInspect = null;
        api.containers.put(running.id(), running);
        api.push(new EngineEvent("container", "start", running.id(), Map.of()));
        assertThat(next()).isEqualTo("updated " + running.id() + " running");
        assertThat(api.eventStreams.get()).isEqualTo(1);
    }

    @Test
    void reconnectsWhenTheStreamEndsAndRelistsImagesOnImageEvents() throws Exception {
        start();
        awaitConnected();
        int lists = api.imageLists.get();
        api.push(new EngineEvent("image", "tag", "sha256:abc", Map.of()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (api.imageLists.get() == lists && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.imageLists.get()).isGreaterThan(lists);

        api.endStream();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (api.eventStreams.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.eventStreams.get()).isEqualTo(2);
    }

    @Test
    void readsStatsOfRunningContainersUntilAReportTakesThem() throws Exception {
        api.containers.put(running.id(), running);
        api.containers.put(exited.id(), exited);
        Instant t0 = Instant.parse("2023-06-13T10:00:00Z");
        long[] n = {0};
        api.stats = id -> {
            assertThat(id).isEqualTo(running.id()); // never asked for a stopped container's
            n[0]++;
            return new StatsSample(t0.plusMillis(n[0] * 20), n[0] * 1000, n[0] * 100_000, 1_000_000, 0, 2_000_000);
        };
        start();
        awaitConnected();
        Thread.sleep(200);

        ContainerEntry entry = registry.container(running.id()).orElseThrow();
        List<StatsSample> first = entry.drainStats();
        assertThat(first.size()).isGreaterThanOrEqualTo(2);
        List<StatsSample> second = entry.drainStats();
        // the last reading is kept: the next report's CPU is relative to it
        assertThat(second.get(0)).isEqualTo(first.get(first.size() - 1));
        assertThat(registry.container(exited.id()).orElseThrow().drainStats()).isEmpty();
    }

    @Test
    void aContainerThatStartsIsReadAtOnceThoughNothingRanBefore() throws Exception {
        api.containers.put(exited.id(), exited);
        AtomicInteger reads = new AtomicInteger();
        api.stats = id -> {
            reads.incrementAndGet();
            return new StatsSample(Instant.now(), 1000, 100_000, 1_000_000, 0, 2_000_000);
        };
        start(Duration.ofMinutes(10)); // with nothing running the stats reader waits this long
        awaitConnected();
        Thread.sleep(100);
        assertThat(reads).hasValue(0);

        api.containers.put(running.id(), running);
        api.push(new EngineEvent("container", "start", running.id(), Map.of()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reads.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(reads.get()).isGreaterThanOrEqualTo(2); // woken, then every stats interval
    }

    @Test
    void anUnreachableEngineIsRetried() throws Exception {
        FakeRuntimeApi down = new FakeRuntimeApi();
        down.unreachable = true;
        registry = new ContainerRegistry(
                down, new NamespaceAddresses(proc), Duration.ofMillis(50), Duration.ofMillis(20), System::nanoTime);
        registry.start();
        Thread.sleep(300);
        assertThat(registry.connected()).isFalse();
        assertThat(down.eventStreams.get()).isGreaterThan(2);
    }
}
