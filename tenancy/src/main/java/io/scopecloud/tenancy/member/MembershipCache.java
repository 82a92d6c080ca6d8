package io.scopecloud.tenancy.member;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Memberships as every request of the map reads them (the UI polls and opens websockets many
 * times a minute), kept for {@code ttl}: one PostgreSQL round trip saved per request. Only
 * memberships that exist are kept, so someone who just joined is let in at once; every change
 * made through this service (roles, removals, an org deleted, two-factor turned on or off or
 * required, an account deleted) forgets them all at once, and a change made on another instance
 * shows here within {@code ttl}, as sessions do ({@code tenancy.sessionCacheTtl}).
 */
public final class MembershipCache {
    private record Key(String orgExternalId, UUID userId) {}

    private final Cache<Key, Membership> recent;

    public MembershipCache(Duration ttl) {
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(requireNonNull(ttl, "ttl is null"))
                .maximumSize(100_000)
                .build();
    }

    Optional<Membership> get(String orgExternalId, UUID userId, Supplier<Optional<Membership>> load) {
        Key key = new Key(orgExternalId.toLowerCase(java.util.Locale.ROOT), userId);
        Membership kept = recent.getIfPresent(key);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<Membership> loaded = load.get();
        loaded.ifPresent(m -> recent.put(key, m));
        return loaded;
    }

    /** Forgets every membership: something that decides who may see what changed. */
    public void forgetAll() {
        recent.invalidateAll();
    }
}
