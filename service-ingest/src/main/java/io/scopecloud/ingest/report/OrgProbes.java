package io.scopecloud.ingest.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A per-org quota on probes reporting at once ({@code ingest.maxProbesPerOrg}): a probe counts from its first report
 * until it has been silent for {@code activeFor}. A report from a probe id the org has not been heard from while it
 * already has its quota of probes gets 429; the probes already reporting are never cut off.
 *
 * <p>Each ingest instance counts the probes it hears from; behind a balancer that spreads every probe's reports
 * over the instances (round robin), each sees all of an org's probes.
 */
public final class OrgProbes {
    private final int max;
    private final long activeForNanos;
    private final LongSupplier nanoTime;
    private final Cache<UUID, Active> orgs;

    public OrgProbes(int max, Duration activeFor, LongSupplier nanoTime) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
        this.activeForNanos = activeFor.toNanos();
        this.nanoTime = nanoTime;
        this.orgs = Caffeine.newBuilder().expireAfterAccess(activeFor).build();
    }

    /** Counts a report from the org's probe, or throws 429 when it would be one probe too many. */
    public void admit(UUID org, String probeId) {
        long waitSeconds = orgs.get(org, k -> new Active()).admit(probeId, nanoTime.getAsLong());
        if (waitSeconds > 0) {
            throw Quotas.tooMany(
                    "your organisation already has " + max + " probes reporting (ingest.maxProbesPerOrg); stop a"
                            + " probe or ask the service's operator for more; retry in " + waitSeconds + " s",
                    waitSeconds);
        }
    }

    /** An org's probes by when they were last heard from, least recent first. */
    private final class Active {
        private final LinkedHashMap<String, Long> lastHeard = new LinkedHashMap<>(16, 0.75f, true);

        /** 0 if admitted; else the whole seconds until the least recent probe stops counting. */
        synchronized long admit(String probeId, long now) {
            forgetSilent(now);
            if (lastHeard.containsKey(probeId) || lastHeard.size() < max) {
                lastHeard.put(probeId, now);
                return 0;
            }
            long eldest = lastHeard.values().iterator().next();
            return Math.max(1, (long) Math.ceil((eldest + activeForNanos - now) / 1e9));
        }

        private void forgetSilent(long now) {
            Iterator<Map.Entry<String, Long>> it = lastHeard.entrySet().iterator();
            while (it.hasNext() && now - it.next().getValue() >= activeForNanos) {
                it.remove();
            }
        }
    }
}
