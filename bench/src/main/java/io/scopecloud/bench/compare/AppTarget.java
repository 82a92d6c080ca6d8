package io.scopecloud.bench.compare;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * One app under comparison: where its Scope API lives ({@code base + prefix + "/api/..."}),
 * where probes post, and the credentials each needs (Scope's app: none; Scope Cloud: a member's
 * session for the UI's requests, the org's probe token for reports).
 */
record AppTarget(String name, URI base, String apiPrefix, URI reportUrl, Optional<CloudAccount> account) {
    static AppTarget scope(URI base) {
        return new AppTarget("Scope", base, "", base.resolve("/api/report"), Optional.empty());
    }

    static AppTarget scopeCloud(URI base, URI ingest, CloudAccount account) {
        return new AppTarget(
                "Scope Cloud", base, "/api/app/" + account.org(), ingest.resolve("/api/report"), Optional.of(account));
    }

    /** A read as the UI makes it: with the member's session. */
    HttpRequest.Builder get(String apiPath) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(apiPrefix + apiPath));
        account.ifPresent(a -> b.header("Cookie", a.cookie()));
        return b;
    }

    /** A change as the UI makes it: with the session and its CSRF token. */
    HttpRequest.Builder post(String apiPath) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(apiPrefix + apiPath));
        account.ifPresent(a -> b.header("Cookie", a.cookie())
                .header("X-CSRF-Token", a.csrf())
                .header("Origin", base.getScheme() + "://" + base.getRawAuthority()));
        return b;
    }

    /** A report post with the headers Scope's probe sends. */
    HttpRequest.Builder report() {
        HttpRequest.Builder b = HttpRequest.newBuilder(reportUrl)
                .header("Content-Type", "application/msgpack")
                .header("Content-Encoding", "gzip")
                .header("X-Scope-Probe-Id", "3b0a37194325fdbc")
                .header("X-Scope-Probe-Version", "12175b96a");
        account.ifPresent(a -> b.header("Authorization", "Scope-Probe token=" + a.probeToken()));
        return b;
    }
}
