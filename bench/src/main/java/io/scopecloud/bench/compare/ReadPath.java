package io.scopecloud.bench.compare;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** One request of the comparison, timed from send to the last byte of the answer read. */
final class ReadPath {
    private final Function<AppTarget, HttpRequest> request;
    private final boolean errorExpected;

    private ReadPath(Function<AppTarget, HttpRequest> request, boolean errorExpected) {
        this.request = request;
        this.errorExpected = errorExpected;
    }

    static ReadPath get(String apiPath) {
        return new ReadPath(app -> app.get(apiPath).build(), false);
    }

    /** A control for a probe that is not connected: both apps answer with an error, no probe hop. */
    static ReadPath control(String apiPath) {
        return new ReadPath(
                app -> app.post(apiPath)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                true);
    }

    static String escape(String nodeId) {
        return URLEncoder.encode(nodeId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    long time(TimedClient http, AppTarget app) throws Exception {
        HttpRequest r = request.apply(app);
        TimedClient.Answer answer = http.send(r);
        check(app, r, answer.status(), answer.body());
        return answer.nanos();
    }

    private void check(AppTarget app, HttpRequest r, int status, String body) {
        boolean ok = status / 100 == 2;
        if (ok == errorExpected) {
            throw new IllegalStateException(app.name() + " answered " + r.uri() + " with " + status + ": " + body);
        }
    }
}
