package io.scopecloud.bench.compare;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

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

    /**
     * The same request through Apache's classic client: blocking I/O on the calling thread, where
     * Java's {@code HttpClient} hands every exchange to its selector and executor threads (about
     * 0.5 ms of its own per request on this machine, bench/README).
     */
    long time(CloseableHttpClient http, AppTarget app) throws Exception {
        HttpRequest r = request.apply(app);
        HttpUriRequestBase classic = new HttpUriRequestBase(r.method(), r.uri());
        r.headers().map().forEach((name, values) -> values.forEach(v -> classic.addHeader(name, v)));
        long start = System.nanoTime();
        Answer answer = http.execute(classic, a -> new Answer(a.getCode(), EntityUtils.toByteArray(a.getEntity())));
        long nanos = System.nanoTime() - start;
        check(app, r, answer.status(), answer.body());
        return nanos;
    }

    private record Answer(int status, byte[] body) {}

    long time(HttpClient http, AppTarget app) throws Exception {
        HttpRequest r = request.apply(app);
        long start = System.nanoTime();
        HttpResponse<byte[]> answer = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        check(app, r, answer.statusCode(), answer.body());
        return nanos;
    }

    private void check(AppTarget app, HttpRequest r, int status, byte[] body) {
        boolean ok = status / 100 == 2;
        if (ok == errorExpected) {
            throw new IllegalStateException(app.name() + " answered " + r.uri() + " with " + status + ": "
                    + new String(body, StandardCharsets.UTF_8));
        }
    }
}
