package io.scopecloud.bench.compare;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated probe: posts the same report body to one app with its own probe id (and, on Scope Cloud, its org's
 * probe token), headers as Scope's probe sends them ({@link AppTarget#report()}).
 */
final class ProbePoster {
    /** Refusals printed at most, so that an overloaded app does not drown the results. */
    private static final AtomicInteger PRINTED = new AtomicInteger(20);

    private final AppTarget app;
    private final HttpRequest request;

    ProbePoster(AppTarget app, String probeId, Optional<String> token, byte[] body, boolean gzipped) {
        this.app = app;
        HttpRequest.Builder b = app.report()
                .setHeader("X-Scope-Probe-Id", probeId)
                .setHeader("Content-Encoding", gzipped ? "gzip" : "identity")
                .version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(t -> b.setHeader("Authorization", "Scope-Probe token=" + t));
        this.request = b.build();
    }

    AppTarget app() {
        return app;
    }

    /** Posts once; the answer's status code, or -1 when the connection failed. */
    int post(HttpClient http) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && PRINTED.getAndDecrement() > 0) {
                System.err.println(app.name() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.statusCode();
        } catch (java.io.IOException e) {
            if (PRINTED.getAndDecrement() > 0) {
                System.err.println(app.name() + ": cannot post a report: " + e);
            }
            return -1;
        }
    }
}
