package io.scopecloud.tenancy.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a probe token from an {@code Authorization} header, in the forms Weave Scope probes and
 * tools send: {@code Scope-Probe token=<t>}, {@code Bearer <t>}, and Basic with the token as the
 * password (or as the user name with an empty password, as {@code https://TOKEN@host} gives).
 */
public final class Credentials {
    private static final String SCOPE_PROBE = "scope-probe ";
    private static final String BEARER = "bearer ";
    private static final String BASIC = "basic ";
    private static final int MAX_HEADER = 1024;

    private Credentials() {}

    public static Optional<String> tokenFrom(@Nullable String authorization) {
        if (authorization == null || authorization.length() > MAX_HEADER) {
            return Optional.empty();
        }
        String header = authorization.strip();
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SCOPE_PROBE)) {
            String rest = header.substring(SCOPE_PROBE.length()).strip();
            return rest.toLowerCase(Locale.ROOT).startsWith("token=")
                    ? nonBlank(rest.substring("token=".length()))
                    : Optional.empty();
        }
        if (lower.startsWith(BEARER)) {
            return nonBlank(header.substring(BEARER.length()));
        }
        if (lower.startsWith(BASIC)) {
            return basic(header.substring(BASIC.length()).strip());
        }
        return Optional.empty();
    }

    private static Optional<String> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return nonBlank(decoded);
        }
        String password = decoded.substring(colon + 1);
        return password.isBlank() ? nonBlank(decoded.substring(0, colon)) : nonBlank(password);
    }

    private static Optional<String> nonBlank(String token) {
        String t = token.strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
}
