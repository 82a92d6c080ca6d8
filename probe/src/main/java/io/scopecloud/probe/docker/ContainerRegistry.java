package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The containers, images and networks of the engine, kept current the way Scope's Docker registry
 * does: subscribe to the event stream first, then list and inspect every container, then follow
 * the events, re-inspecting a container on each of its state events (so a change reaches the
 * {@link Listener}, and a shortcut report, within the engine's event latency) and dropping it on
 * {@code destroy} (Docker) or {@code remove} (podman). A lost stream is re-opened after
 * {@code interval}; images and networks are re-listed every {@code interval} and after image
 * events.
 *
 * <p>Stats: one reading per running container every {@code statsInterval} (1 s), by one-shot
 * requests, kept until the next report drains them; while no container runs, the reader waits
 * {@code interval} or until one starts. Scope streamed stats instead, but podman's
 * compatible stream comes every 5 s and its one-shot answers carry no {@code precpu_stats}; CPU
 * percentages are computed from consecutive readings, so the same code is right on both engines.
 *
 * <p>Thread-safe: one thread follows events, one polls stats and lists, reporters read.
 */
public final class ContainerRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContainerRegistry.class);
    static final int MAX_PENDING_STATS = 60;

    /** Hears about container changes (the reporter, which publishes shortcut reports). */
    public interface Listener {
        void updated(ContainerEntry entry);

        void removed(String containerId);
    }

    private static final Set<String> STATE_ACTIONS = Set.of(
            "create",
            "init",
            "start",
            "restart",
            "stop",
            "die",
            "kill",
            "oom",
            "pause",
            "unpause",
            "rename",
            "update",
            "cleanup",
            "checkpoint",
            "restore",
            "network:connect",
            "network:disconnect");

    private final RuntimeApi api;
    private final NamespaceAddresses namespaces;
    private final Duration interval;
    private final Duration statsInterval;
    private final LongSupplier nanoTime;
    private final Map<String, ContainerEntry> containers = new ConcurrentHashMap<>();
    private volatile Map<String, DockerImage> images = Map.of();
    private volatile List<DockerNetwork> networks = List.of();
    private volatile Listener listener = null;
    private volatile boolean connected;
    private volatile boolean imagesStale = true;
    private volatile boolean running = true;
    private volatile RuntimeApi.EventStream events;
    private final Thread eventThread;
    private final Thread statsThread;
    private final Object wakeup = new Object();
    private boolean statsDue; // guarded by wakeup: a container may run that the stats reader has not seen

    /**
     * @param interval how long to wait before re-opening a lost event stream, and how often to
     *     re-list images and networks ({@code --probe.docker.interval}, 10 s)
     * @param statsInterval how often to read each running container's stats (the spy interval)
     */
    public ContainerRegistry(
            RuntimeApi api,
            NamespaceAddresses namespaces,
            Duration interval,
            Duration statsInterval,
            LongSupplier nanoTime) {
        this.api = requireNonNull(api, "api is null");
        this.namespaces = requireNonNull(namespaces, "namespaces is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.statsInterval = requireNonNull(statsInterval, "statsInterval is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.eventThread = new Thread(this::followEvents, "scope-docker-events");
        this.statsThread = new Thread(this::pollStats, "scope-docker-stats");
        eventThread.setDaemon(true);
        statsThread.setDaemon(true);
    }

    public void setListener(Listener newListener) {
        this.listener = newListener;
    }

    public void start() {
        eventThread.start();
        statsThread.start();
    }

    /** True once the engine has answered and while its event stream is open. */
    public boolean connected() {
        return connected;
    }

    public Collection<ContainerEntry> containers() {
        return containers.values();
    }

    public Optional<ContainerEntry> container(String id) {
        return Optional.ofNullable(containers.get(id));
    }

    /** The only container whose id starts with {@code prefix} (Scope's GetContainerByPrefix). */
    public Optional<ContainerEntry> containerByPrefix(String prefix) {
        ContainerEntry exact = containers.get(prefix);
        if (exact != null) {
            return Optional.of(exact);
        }
        ContainerEntry found = null;
        for (Map.Entry<String, ContainerEntry> e : containers.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                if (found != null) {
                    return Optional.empty();
                }
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<DockerImage> image(String imageId) {
        return Optional.ofNullable(images.get(imageId));
    }

    public List<DockerNetwork> networks() {
        return networks;
    }

    /** Main pids of running containers (host pid namespace) to their ids, for the process tagger. */
    public Map<Integer, String> containersByPid() {
        Map<Integer, String> result = new HashMap<>();
        for (ContainerEntry entry : containers.values()) {
            DockerContainer c = entry.container();
            if (c.state().pid() > 1) {
                result.put(c.state().pid(), c.id());
            }
        }
        return result;
    }

    /** Re-reads one container now (after a control, without waiting for its event). */
    public void refresh(String id) {
        try {
            update(id);
        } catch (IOException e) {
            log.debug("docker: cannot inspect {}: {}", id, e.toString());
        }
    }

    private void followEvents() {
        while (running) {
            try (RuntimeApi.EventStream stream = api.events()) {
                events = stream;
                resync();
                if (!connected) {
                    connected = true;
                    wakeStatsReader(); // it reads nothing until connected
                    log.info("docker: following {} at {}", safeVersion(), endpointName());
                }
                EngineEvent event;
                while (running && (event = stream.next()) != null) {
                    handle(event);
                }
                if (running) {
                    log.warn("docker: the engine closed its event stream; reconnecting");
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    if (connected) {
                        log.warn(
                                "docker: lost the engine ({}); retrying every {} s",
                                e.toString(),
                                interval.toSeconds());
                    } else {
                        log.debug("docker: engine not reachable: {}", e.toString());
                    }
                }
            } finally {
                events = null;
                connected = false;
            }
            sleep(interval);
        }
    }

    private String safeVersion() {
        try {
            return api.version();
        } catch (IOException | RuntimeException e) {
            return "the engine";
        }
    }

    private String endpointName() {
        return api instanceof DockerEngineClient client ? client.socket().toString() : api.toString();
    }

    /** Lists and inspects every container; forgets those that are gone. */
    private void resync() throws IOException {
        List<String> ids = api.containerIds();
        Set<String> present = new HashSet<>(ids);
        for (String id : ids) {
            update(id);
        }
        for (String id : new ArrayList<>(containers.keySet())) {
            if (!present.contains(id)) {
                containers.remove(id);
            }
        }
        refreshImagesAndNetworks();
    }

    /** Acts on one event; an engine error about one container does not end the stream. */
    void handle(EngineEvent event) throws IOException {
        try {
            dispatch(event);
        } catch (EngineException e) {
            log.debug("docker: {} {} {}: {}", event.type(), event.action(), event.id(), e.getMessage());
        }
    }

    private void dispatch(EngineEvent event) throws IOException {
        switch (event.type()) {
            case "container" -> {
                String action = event.action();
                if (action.equals("destroy") || action.equals("remove")) {
                    containers.remove(event.id());
                    Listener l = listener;
                    if (l != null && !event.id().isEmpty()) {
                        l.removed(event.id());
                    }
                } else if (STATE_ACTIONS.contains(action)) {
                    update(event.id());
                }
            }
            case "network" -> {
                String container = event.attributes().getOrDefault("container", "");
                if (!container.isEmpty() && containers.containsKey(container)) {
                    update(container);
                }
            }
            case "image" -> {
                imagesStale = true;
                synchronized (wakeup) {
                    wakeup.notifyAll();
                }
            }
            default -> {}
        }
    }

    private void update(String id) throws IOException {
        Optional<DockerContainer> inspected = api.inspect(id);
        if (inspected.isEmpty()) {
            containers.remove(id);
            return;
        }
        DockerContainer c = inspected.get();
        List<String> addresses = c.state().running() ? namespaces.read(c.state().pid()) : List.of();
        ContainerEntry entry = containers.compute(id, (k, old) -> {
            if (old == null) {
                return new ContainerEntry(c, addresses);
            }
            old.update(c, addresses);
            return old;
        });
        if (c.state().running()) {
            wakeStatsReader();
        } else {
            entry.clearStats();
        }
        if (!images.containsKey(c.imageId())) {
            imagesStale = true;
        }
        Listener l = listener;
        if (l != null) {
            l.updated(entry);
        }
    }

    /** The stats reader may be waiting out a period with nothing running: a container may run now. */
    private void wakeStatsReader() {
        synchronized (wakeup) {
            statsDue = true;
            wakeup.notifyAll();
        }
    }

    private void refreshImagesAndNetworks() throws IOException {
        imagesStale = false;
        Map<String, DockerImage> byId = new HashMap<>();
        for (DockerImage image : api.images()) {
            byId.put(image.id(), image);
        }
        images = Map.copyOf(byId);
        networks = List.copyOf(api.networks());
    }

    private void pollStats() {
        long lastRefresh = nanoTime.getAsLong();
        while (running) {
            long started = nanoTime.getAsLong();
            boolean anyRunning = false;
            if (connected) {
                for (ContainerEntry entry : containers.values()) {
                    DockerContainer c = entry.container();
                    if (!running || !c.state().running()) {
                        continue;
                    }
                    anyRunning = true;
                    try {
                        entry.addStats(api.stats(c.id()), MAX_PENDING_STATS);
                    } catch (IOException | RuntimeException e) {
                        log.debug("docker: no stats for {}: {}", c.id(), e.toString());
                    }
                }
                if (imagesStale || nanoTime.getAsLong() - lastRefresh >= interval.toNanos()) {
                    lastRefresh = nanoTime.getAsLong();
                    try {
                        refreshImagesAndNetworks();
                    } catch (IOException | RuntimeException e) {
                        log.debug("docker: cannot list images or networks: {}", e.toString());
                    }
                }
            }
            // with no container running there are no stats to read until one starts (update() says so)
            Duration period = anyRunning ? statsInterval : interval;
            long spent = nanoTime.getAsLong() - started;
            long wait = Math.max(period.toNanos() - spent, period.toNanos() / 10);
            synchronized (wakeup) {
                try {
                    if (anyRunning || !statsDue) {
                        wakeup.wait(Math.max(1, wait / 1_000_000));
                    }
                    statsDue = false;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Waits {@code d}, or less if closed: wake-ups meant for the stats reader do not cut it short. */
    private void sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (wakeup) {
            try {
                long left;
                while (running && (left = deadline - System.nanoTime()) > 0) {
                    wakeup.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        RuntimeApi.EventStream stream = events;
        if (stream != null) {
            stream.close();
        }
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        eventThread.interrupt();
        statsThread.interrupt();
        join(eventThread);
        join(statsThread);
    }

    private static void join(Thread thread) {
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
