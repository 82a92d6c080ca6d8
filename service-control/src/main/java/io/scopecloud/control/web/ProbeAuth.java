package io.scopecloud.control.web;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.token.Credentials;
import io.scopecloud.tenancy.token.ProbePrincipal;
import io.scopecloud.tenancy.token.ProbeTokens;
import jakarta.ws.rs.NotAuthorizedException;
import org.jspecify.annotations.Nullable;

/** Checks a probe's token (any form {@link Credentials} reads); 401 with a challenge otherwise. */
public final class ProbeAuth {
    static final String CHALLENGE = "Scope-Probe realm=\"scope-cloud\"";

    private final ProbeTokens tokens;

    public ProbeAuth(ProbeTokens tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    public ProbePrincipal authenticate(@Nullable String authorization) {
        String secret = Credentials.tokenFrom(authorization)
                .orElseThrow(() -> new NotAuthorizedException(
                        "missing probe token: send 'Authorization: Scope-Probe token=<token>'", CHALLENGE));
        return tokens.authenticate(secret)
                .orElseThrow(() -> new NotAuthorizedException(
                        "probe token not recognised: it was mistyped or revoked; restart the probe with"
                                + " --service-token=<token>",
                        CHALLENGE));
    }
}
