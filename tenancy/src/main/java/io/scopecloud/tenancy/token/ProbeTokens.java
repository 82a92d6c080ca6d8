package io.scopecloud.tenancy.token;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scopecloud.tenancy.TenancyException;
import io.scopecloud.tenancy.org.OrgDao;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Issues probe tokens and checks presented ones. A checked answer, positive or negative, is cached
 * for {@code cacheTtl}: that is how long a revocation may take to bite, and what keeps PostgreSQL
 * out of the path of every report.
 */
public final class ProbeTokens {
    private final Jdbi jdbi;
    private final ProbeTokenDao tokens;
    private final OrgDao orgs;
    private final Clock clock;
    private final Cache<String, Optional<ProbePrincipal>> checked;

    public ProbeTokens(Jdbi jdbi, ProbeTokenDao tokens, OrgDao orgs, Clock clock, Duration cacheTtl) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.orgs = requireNonNull(orgs, "orgs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.checked = Caffeine.newBuilder()
                .expireAfterWrite(requireNonNull(cacheTtl, "cacheTtl is null"))
                .maximumSize(100_000)
                .build();
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
        return checked.get(HexFormat.of().formatHex(hash), key -> lookup(hash));
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
