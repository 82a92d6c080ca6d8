package io.scopecloud.query.live;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.query.window.OrgWindows;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The open topology websockets per org, woken when a report for their org arrives. One small
 * scheduler renders and sends for all of them; renders are shared through the snapshot's memo.
 */
public final class LiveUpdates implements Managed, OrgWindows.Listener {
    private final Map<UUID, Set<TopologySocket>> sockets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "query-live-updates");
        t.setDaemon(true);
        return t;
    });

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    void register(TopologySocket s) {
        sockets.computeIfAbsent(s.org(), k -> ConcurrentHashMap.newKeySet()).add(s);
    }

    void unregister(TopologySocket s) {
        sockets.computeIfPresent(s.org(), (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    public int openSockets() {
        return sockets.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void reportAdded(UUID org, boolean shortcut) {
        Set<TopologySocket> set = sockets.get(org);
        if (set != null) {
            for (TopologySocket s : set) {
                s.changed(shortcut);
            }
        }
    }

    /** Closes the sockets of orgs this instance no longer owns, so their clients reconnect to the owner. */
    public void moved(Predicate<UUID> orgs) {
        sockets.forEach((org, set) -> {
            if (orgs.test(org)) {
                set.forEach(TopologySocket::moved);
            }
        });
    }

    @Override
    public void stop() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
