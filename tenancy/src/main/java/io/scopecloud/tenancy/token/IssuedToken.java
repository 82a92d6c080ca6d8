package io.scopecloud.tenancy.token;

import static java.util.Objects.requireNonNull;

/** A token just created: the only moment its secret exists outside the probe that uses it. */
public record IssuedToken(ProbeToken token, String secret) {
    public IssuedToken {
        requireNonNull(token, "token is null");
        requireNonNull(secret, "secret is null");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token.prefix() + "…]";
    }
}
