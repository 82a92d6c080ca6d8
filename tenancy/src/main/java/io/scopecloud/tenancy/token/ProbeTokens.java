package io.scopecloud.tenancy.token;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.scopecloud.tenancy.TenancyException;
import io.scopecloud.tenancy.org.OrgDao;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Issues probe tokens and checks presented ones. A checked answer, positive or negative, is cached
 * for {@code cacheTtl}: that is how long a revocation may take to bite, and what keeps PostgreSQL
 * out of the path of every report.
 *
 * <p>An answer asked for again after half its life is checked anew in the background while the
 * cached one is still given: all of an org's probes share a token, and a check on the request path
 * made every report of the org wait for PostgreSQL once per {@code cacheTtl} (up to 2.6 s on a
 * saturated machine). Only a token nobody presented for a whole {@code cacheTtl} is checked while
 * its request waits.
 */
public final class ProbeTokens {
    /** One thread checks again the tokens in use, in the background, for every instance. */
    private static final ExecutorService REFRESHES = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "probe-token-refresh");
        t.setDaemon(true);
        return t;
    });

    private final Jdbi jdbi;
    private final ProbeTokenDao tokens;
    private final OrgDao orgs;
    private final Clock clock;
    private final LoadingCache<String, Optional<ProbePrincipal>> checked;

    public ProbeTokens(Jdbi jdbi, ProbeTokenDao tokens, OrgDao orgs, Clock clock, Duration cacheTtl) {
        this(jdbi, tokens, orgs, clock, cacheTtl, Ticker.systemTicker(), REFRESHES);
    }

    ProbeTokens(
            Jdbi jdbi,
            ProbeTokenDao tokens,
            OrgDao orgs,
            Clock clock,
            Duration cacheTtl,
            Ticker ticker,
            Executor refreshes) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.orgs = requireNonNull(orgs, "orgs is null");
        this.clock = requireNonNull(clock, "clock is null");
        Caffeine<Object, Object> cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(refreshes)
                .expireAfterWrite(requireNonNull(cacheTtl, "cacheTtl is null"))
                .maximumSize(100_000);
        if (!cacheTtl.dividedBy(2).isZero() && !cacheTtl.isNegative()) {
            cache.refreshAfterWrite(cacheTtl.dividedBy(2));
        }
        this.checked = cache.build(key -> lookup(HexFormat.of().parseHex(key)));
    }

    public IssuedToken issue(UUID orgId, String name, @Nullable UUID createdBy) {
        return issue(tokens, orgId, name, createdBy);
    }

    /**
     * Replaces a token: a new one with the same name, and the old one revoked, in one
     * transaction. Probes using the old one stop within the cache lifetime.
     */
    public IssuedToken rotate(UUID orgId, UUID tokenId, @Nullable UUID createdBy) {
        return jdbi.inTransaction(h -> {
            ProbeTokenDao dao = h.attach(ProbeTokenDao.class);
            ProbeToken old = dao.find(orgId, tokenId)
                    .filter(t -> !t.revoked())
                    .orElseThrow(() -> new NoSuchTokenException(tokenId));
            dao.revoke(orgId, tokenId);
            return issue(dao, orgId, old.name(), createdBy);
        });
    }

    private static IssuedToken issue(ProbeTokenDao dao, UUID orgId, String name, @Nullable UUID createdBy) {
        String secret = TokenSecrets.generate();
        UUID id = UUID.randomUUID();
        dao.insert(orgId, id, name, TokenSecrets.displayPrefix(secret), TokenSecrets.hash(secret), createdBy);
        return new IssuedToken(dao.find(orgId, id).orElseThrow(), secret);
    }

    public List<ProbeToken> list(UUID orgId) {
        return tokens.list(orgId);
    }

    public boolean revoke(UUID orgId, UUID tokenId) {
        return tokens.revoke(orgId, tokenId) == 1;
    }

    /** The org a presented secret speaks for, if it is a live token. */
    public Optional<ProbePrincipal> authenticate(String secret) {
        byte[] hash = TokenSecrets.hash(secret);
        return checked.get(HexFormat.of().formatHex(hash));
    }

    private Optional<ProbePrincipal> lookup(byte[] hash) {
        Optional<ProbeToken> token = tokens.findByHash(hash).filter(t -> !t.revoked());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        ProbeToken t = token.get();
        tokens.touch(t.orgId(), t.id(), clock.instant());
        return orgs.find(t.orgId()).map(org -> new ProbePrincipal(org.id(), org.externalId(), t.id()));
    }

    /** No live token with that id in the org. */
    public static final class NoSuchTokenException extends TenancyException {
        private static final long serialVersionUID = 1L;

        NoSuchTokenException(UUID id) {
            super(Kind.NOT_FOUND, "no live token " + id);
        }
    }
}
