package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.probe.ProbeLocation;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Where probes were last found in the registry, at an instance or nowhere, remembered only while this instance hears
 * the registry's notices ({@link RegistryListener}): PostgreSQL announces every connection recorded, replaced or
 * removed, on any instance, when it commits, and the notice forgets that probe here, so the next call reads the
 * registry again. While the notices are not heard (the listening connection is down or not yet up) nothing is
 * remembered and every call reads the registry, as before.
 *
 * <p>A read that a notice overtakes is not remembered: every notice bumps a generation, and an answer is kept only
 * if the generation did not move while it was read (checked again after it is stored, so a notice that lands between
 * the check and the store still removes it).
 */
public final class ProbeWhereabouts {
    private final Cache<ProbeKey, Optional<ProbeLocation>> known;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean hearing;

    /**
     * @param ttl how long an answer is kept at most, a backstop for changes no notice covers
     * @param maxEntries how many probes are remembered at most (callers choose the probe ids they ask for)
     */
    public ProbeWhereabouts(Duration ttl, long maxEntries) {
        this.known = Caffeine.newBuilder()
                .expireAfterWrite(requireNonNull(ttl, "ttl is null"))
                .maximumSize(maxEntries)
                .build();
    }

    /** Where the probe is: remembered if known, otherwise read from the registry (and remembered if still valid). */
    public Optional<ProbeLocation> locate(ProbeKey key, Function<ProbeKey, Optional<ProbeLocation>> registry) {
        if (hearing) {
            Optional<ProbeLocation> remembered = known.getIfPresent(key);
            if (remembered != null) {
                return remembered;
            }
        }
        long before = generation.get();
        Optional<ProbeLocation> found = registry.apply(key);
        if (hearing && generation.get() == before) {
            known.put(key, found);
            if (!hearing || generation.get() != before) {
                known.invalidate(key);
            }
        }
        return found;
    }

    /** A notice about one probe. */
    public void forget(ProbeKey key) {
        generation.incrementAndGet();
        known.invalidate(key);
    }

    /** A notice about every probe, or notices may have been missed. */
    public void forgetAll() {
        generation.incrementAndGet();
        known.invalidateAll();
    }

    /**
     * Whether notices are heard from now on. Either way everything remembered is forgotten: notices sent while
     * they were not heard are lost.
     */
    public void hearing(boolean on) {
        hearing = on;
        forgetAll();
    }

    public boolean hearing() {
        return hearing;
    }
}
