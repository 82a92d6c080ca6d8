package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether a browser request comes from this very site (ADR 0007), the one rule for CSRF
 * ({@link CsrfFilter}) and for websocket upgrades (the topology and pipe websockets): no
 * {@code Origin} header (not a browser, or a same-origin read) passes; otherwise the origin must be
 * the request's own {@code Host}, or the origin of the configured public URL ({@code
 * tenancy.publicUrl}, for a proxy that rewrites {@code Host}).
 */
public final class SiteOrigin {
    private final String publicOrigin;

    public SiteOrigin(URI publicUrl) {
        requireNonNull(publicUrl, "publicUrl is null");
        this.publicOrigin = originOf(publicUrl);
    }

    /** Whether a request with these headers may act: see the class comment. */
    public boolean allows(@Nullable String origin, @Nullable String host) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        try {
            URI o = URI.create(origin.strip());
            if (o.getHost() == null || o.getScheme() == null) {
                return false;
            }
            String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return (host != null && host.strip().equalsIgnoreCase(originHost))
                    || originOf(o).equals(publicOrigin);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code scheme://host[:port]}, lower case, without the scheme's default port. */
    private static String originOf(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port < 0
                || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return "SiteOrigin[" + publicOrigin + " or the request's Host]";
    }
}
