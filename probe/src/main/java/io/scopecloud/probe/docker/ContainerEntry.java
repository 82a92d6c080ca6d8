package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One container the registry knows: its latest inspect document, the addresses of its network
 * namespace, and the stats readings not yet reported. Thread-safe.
 */
public final class ContainerEntry {
    private volatile DockerContainer container;
    private volatile List<String> namespaceAddresses;
    private final List<StatsSample> pending = new ArrayList<>();

    ContainerEntry(DockerContainer container, List<String> namespaceAddresses) {
        this.container = requireNonNull(container, "container is null");
        this.namespaceAddresses = List.copyOf(namespaceAddresses);
    }

    public DockerContainer container() {
        return container;
    }

    public List<String> namespaceAddresses() {
        return namespaceAddresses;
    }

    void update(DockerContainer newContainer, List<String> addresses) {
        this.container = requireNonNull(newContainer, "newContainer is null");
        this.namespaceAddresses = List.copyOf(addresses);
    }

    /** Keeps a reading; when {@code max} are pending the newest is dropped, as Scope does. */
    synchronized void addStats(StatsSample sample, int max) {
        if (!pending.isEmpty()
                && !sample.read().isAfter(pending.get(pending.size() - 1).read())) {
            return; // the engine answered with the same reading again
        }
        if (pending.size() < max) {
            pending.add(sample);
        }
    }

    synchronized void clearStats() {
        pending.clear();
    }

    /**
     * The readings since the last report, oldest first, beginning with the last one of the
     * previous report (CPU is a difference between readings), which is kept for next time (so a
     * report without new readings repeats the last memory sample, as Scope's does). Empty before
     * the first reading.
     */
    public synchronized List<StatsSample> drainStats() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<StatsSample> result = List.copyOf(pending);
        StatsSample last = pending.get(pending.size() - 1);
        pending.clear();
        pending.add(last);
        return result;
    }

    /** The readings not yet reported, without draining them (shortcut reports). */
    public synchronized List<StatsSample> peekStats() {
        return List.copyOf(pending);
    }
}
