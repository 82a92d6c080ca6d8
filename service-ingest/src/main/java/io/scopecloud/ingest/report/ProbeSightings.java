package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scopecloud.tenancy.probe.ProbeDao;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a probe was heard from, at most once per interval per probe and off the request
 * thread, so the probes list stays current without a database write per report.
 */
public final class ProbeSightings {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeSightings.class);

    private final ProbeDao probes;
    private final Clock clock;
    private final Executor executor;
    private final Cache<String, Boolean> recent;

    public ProbeSightings(ProbeDao probes, Clock clock, Executor executor, Duration interval) {
        this.probes = requireNonNull(probes, "probes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(requireNonNull(interval, "interval is null"))
                .maximumSize(1_000_000)
                .build();
    }

    public void seen(UUID org, String probeId, @Nullable String hostname, String version) {
        String key = org + "/" + probeId;
        if (recent.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        executor.execute(() -> {
            try {
                probes.seen(org, probeId, hostname, version, clock.instant());
            } catch (RuntimeException e) {
                recent.invalidate(key);
                LOG.warn("Could not record probe {} of org {}: {}", probeId, org, e.toString());
            }
        });
    }
}
