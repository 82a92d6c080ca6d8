package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scopecloud.tenancy.probe.ProbeDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a probe was heard from, at most once per interval per probe and off the request
 * thread, so the probes list stays current without a database write per report. The sightings of
 * one {@code flushDelay} are written together, in one transaction: a thousand probes are one
 * statement batch a second rather than thirty-odd transactions.
 */
public final class ProbeSightings {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeSightings.class);
    private static final Comparator<Sighting> ROW_ORDER =
            Comparator.comparing(Sighting::org).thenComparing(Sighting::probeId);

    private record Sighting(UUID org, String probeId, @Nullable String hostname, String version, Instant at) {}

    private final ProbeDao probes;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Duration flushDelay;
    private final Cache<String, Boolean> recent;
    private final Map<String, Sighting> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    public ProbeSightings(
            ProbeDao probes, Clock clock, ScheduledExecutorService executor, Duration interval, Duration flushDelay) {
        this.probes = requireNonNull(probes, "probes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.flushDelay = requireNonNull(flushDelay, "flushDelay is null");
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(requireNonNull(interval, "interval is null"))
                .maximumSize(1_000_000)
                .build();
    }

    public void seen(UUID org, String probeId, @Nullable String hostname, String version) {
        String key = key(org, probeId);
        if (recent.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return; // every report but one per interval ends here: nothing more on the request thread
        }
        pending.put(key, new Sighting(org, probeId, hostname, version, clock.instant()));
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                executor.schedule(this::flush, flushDelay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                flushScheduled.set(false); // stopping: the probes list misses this last sighting
            }
        }
    }

    private static String key(UUID org, String probeId) {
        return org + "/" + probeId;
    }

    /** Writes the sightings waiting; a sighting that arrives meanwhile schedules the next flush. */
    void flush() {
        flushScheduled.set(false);
        List<Sighting> batch = new ArrayList<>(pending.size());
        for (String key : List.copyOf(pending.keySet())) {
            Sighting s = pending.remove(key);
            if (s != null) {
                batch.add(s);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        batch.sort(ROW_ORDER);
        try {
            probes.seenAll(
                    batch.stream().map(Sighting::org).toList(),
                    batch.stream().map(Sighting::probeId).toList(),
                    batch.stream().map(Sighting::hostname).toList(),
                    batch.stream().map(Sighting::version).toList(),
                    batch.stream().map(Sighting::at).toList());
        } catch (RuntimeException e) {
            // Each probe's next report records it again.
            batch.forEach(s -> recent.invalidate(key(s.org(), s.probeId())));
            LOG.warn("Could not record {} probe sighting(s): {}", batch.size(), e.toString());
        }
    }
}
