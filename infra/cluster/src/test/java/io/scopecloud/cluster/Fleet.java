package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import io.scopecloud.cluster.ScopeClient.Read;
import io.scopecloud.cluster.SimulatedProbes.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two orgs, their probes, and what their views must show: checks that every acknowledged report
 * is in a time-travel read of its window, and that no read of one org holds the other's nodes.
 */
final class Fleet {
    /** One org as the test knows it: its owner, a probe token, the tag its markers carry, its real probes' hosts. */
    record Tenant(ScopeClient.Owner owner, String token, String tag, Set<String> realHosts) {
        String org() {
            return owner.org();
        }
    }

    /** What a loss check found. */
    record Loss(int acknowledged, int visible, List<String> lost, int reads) {}

    private final ScopeClient client;
    private final List<Tenant> tenants;
    private final AtomicInteger leaks = new AtomicInteger();
    private final AtomicInteger readsChecked = new AtomicInteger();
    private final List<String> leakExamples = new ArrayList<>();

    Fleet(ScopeClient client, List<Tenant> tenants) {
        this.client = requireNonNull(client, "client is null");
        this.tenants = List.copyOf(tenants);
    }

    List<Tenant> tenants() {
        return tenants;
    }

    Tenant tenant(String org) {
        return tenants.stream().filter(t -> t.org().equals(org)).findFirst().orElseThrow();
    }

    /** Reads {@code tenant}'s hosts view (live, or as of {@code at}) and counts any node of another org. */
    Read read(Tenant tenant, Instant at) {
        Read read = client.hosts(tenant.org(), tenant.token(), at);
        checkIsolation(tenant, read.nodes());
        return read;
    }

    void checkIsolation(Tenant tenant, Set<String> nodes) {
        readsChecked.incrementAndGet();
        for (Tenant other : tenants) {
            if (other.equals(tenant)) {
                continue;
            }
            for (String node : nodes) {
                if (node.startsWith("sim-" + other.tag() + "-")
                        || other.realHosts().stream().anyMatch(h -> node.equals(h + ";<host>"))) {
                    leaks.incrementAndGet();
                    synchronized (leakExamples) {
                        if (leakExamples.size() < 5) {
                            leakExamples.add(tenant.org() + " saw " + node);
                        }
                    }
                }
            }
        }
    }

    int leaks() {
        return leaks.get();
    }

    int readsChecked() {
        return readsChecked.get();
    }

    List<String> leakExamples() {
        synchronized (leakExamples) {
            return List.copyOf(leakExamples);
        }
    }

    /**
     * Every post acknowledged (200) that was sent in [from, to) must be in a time-travel read of its
     * window: reads every 5 s across the period, each as of an instant at least {@code window} in the
     * past, plus one just after any acknowledgement the grid does not cover.
     */
    Loss lostReports(List<Post> posts, Instant from, Instant to, Duration window) throws InterruptedException {
        Instant lastInstant = to.plusSeconds(4);
        Instant readableFrom = lastInstant.plus(window).plusSeconds(2);
        while (Instant.now().isBefore(readableFrom)) {
            Thread.sleep(250);
        }
        List<Post> acked = posts.stream()
                .filter(p ->
                        p.acknowledged() && !p.sent().isBefore(from) && p.sent().isBefore(to))
                .toList();
        Set<String> visible = new HashSet<>();
        int reads = 0;
        for (Tenant tenant : tenants) {
            TreeSet<Instant> instants = new TreeSet<>();
            for (Instant i = from.plusSeconds(3); !i.isAfter(lastInstant); i = i.plusSeconds(5)) {
                instants.add(i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            for (Post p : acked) {
                if (!p.org().equals(tenant.org())) {
                    continue;
                }
                Instant covering = instants.ceiling(p.answered().plusMillis(500));
                if (covering == null || covering.minus(window).plusSeconds(1).isAfter(p.sent())) {
                    instants.add(p.answered().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                }
            }
            for (Instant at : instants) {
                Read read = null;
                for (int attempt = 0; attempt < 5; attempt++) {
                    read = read(tenant, at);
                    if (read.status() == 200) {
                        break;
                    }
                    Thread.sleep(1000);
                }
                reads++;
                if (read.status() != 200) {
                    throw new AssertionError("time-travel read of " + tenant.org() + " at " + at + " answered "
                            + read.status() + " " + read.body());
                }
                visible.addAll(read.nodes());
            }
        }
        List<String> lost = new ArrayList<>();
        for (Post p : acked) {
            if (!visible.contains(p.marker())) {
                lost.add(p.marker() + " (sent " + p.sent() + ", acknowledged " + p.answered() + ")");
            }
        }
        return new Loss(acked.size(), acked.size() - lost.size(), lost, reads);
    }

    /** Markers of {@code tenant} acknowledged with sent ≥ at − 12 s and answered ≤ at − 2 s: what a full window must show. */
    static Set<String> expectedWindow(List<Post> posts, Tenant tenant, Instant at) {
        Set<String> expected = new HashSet<>();
        for (Post p : posts) {
            if (p.acknowledged()
                    && p.org().equals(tenant.org())
                    && !p.sent().isBefore(at.minusSeconds(12))
                    && !p.answered().isAfter(at.minusSeconds(2))) {
                expected.add(p.marker());
            }
        }
        return expected;
    }

    static String describe(Map<Integer, Long> statuses) {
        return statuses.entrySet().stream()
                .map(e -> (e.getKey() == 0 ? "no answer" : Integer.toString(e.getKey())) + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }
}
