package io.scopecloud.bench.compare;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The comparisons' timed client: a request built with Java's {@link HttpRequest} (as {@link AppTarget} builds them),
 * sent and timed from the send to the answer's last byte. {@code client=classic} (the default) sends it through
 * Apache's classic client, blocking I/O on the calling thread; {@code client=jdk} through Java's {@link HttpClient},
 * whose hand-offs to its selector and executor threads add about 0.5 ms to every answer of both apps on this machine
 * (bench/README, "The comparison's client"). One keep-alive connection per app either way.
 */
final class TimedClient implements AutoCloseable {
    /** An answer (its body as text, decoded after the timing) and how long it took. */
    record Answer(int status, String body, long nanos) {
        Answer(int status, byte[] body, long nanos) {
            this(status, new String(body, StandardCharsets.UTF_8), nanos);
        }
    }

    private final CloseableHttpClient classic; // null: Java's client
    private final HttpClient jdk;

    private TimedClient(boolean classic) {
        this.classic = classic
                ? HttpClients.custom()
                        .disableContentCompression()
                        .disableAutomaticRetries()
                        .build()
                : null;
        this.jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static TimedClient of(Properties p) {
        String client = p.getProperty("client", "classic");
        if (!client.equals("classic") && !client.equals("jdk")) {
            throw new IllegalArgumentException("client is classic or jdk, not " + client);
        }
        return new TimedClient(client.equals("classic"));
    }

    /** Sends {@code r}, which has no body or an empty one (as the comparisons' reads and controls). */
    Answer send(HttpRequest r) throws IOException, InterruptedException {
        if (r.bodyPublisher().map(b -> b.contentLength() > 0).orElse(false)) {
            throw new IllegalArgumentException("the timed client sends requests without a body: " + r);
        }
        if (classic == null) {
            long start = System.nanoTime();
            HttpResponse<byte[]> a = jdk.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(a.statusCode(), a.body(), System.nanoTime() - start);
        }
        HttpUriRequestBase request = new HttpUriRequestBase(r.method(), r.uri());
        r.headers().map().forEach((name, values) -> values.forEach(v -> request.addHeader(name, v)));
        if (r.bodyPublisher().isPresent()) {
            // Content-Length: 0, as Java's client sends for an empty body
            request.setEntity(new ByteArrayEntity(new byte[0], null));
        }
        long start = System.nanoTime();
        Raw raw = classic.execute(
                request,
                a -> new Raw(a.getCode(), a.getEntity() == null ? null : EntityUtils.toByteArray(a.getEntity())));
        long nanos = System.nanoTime() - start;
        return new Answer(raw.status(), raw.body() == null ? new byte[0] : raw.body(), nanos);
    }

    /** What the classic client's handler keeps of an answer. */
    private static final class Raw {
        private final int status;
        private final byte[] body;

        Raw(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        byte[] body() {
            return body;
        }
    }

    @Override
    public void close() throws IOException {
        if (classic != null) {
            classic.close();
        }
    }
}
