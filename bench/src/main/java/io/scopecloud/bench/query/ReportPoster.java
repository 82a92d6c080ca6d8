package io.scopecloud.bench.query;

import java.io.IOException;
import java.net.URI;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The simulated probes' report posts, on Apache's asynchronous HTTP/1.1 client with one I/O
 * thread. The JDK's {@code HttpClient} spent 40–50 % of a core on the 333 posts a second of
 * 1,000 probes (its futures and schedulers, not the bytes), CPU the services under test did not
 * get on a two-core machine.
 */
final class ReportPoster implements AutoCloseable {
    private static final ContentType MSGPACK = ContentType.create("application/msgpack");

    private final CloseableHttpAsyncClient client;
    private final URI target;

    ReportPoster(URI ingest, int connections) {
        this.target = ingest.resolve("/api/report");
        Timeout tenSeconds = Timeout.ofSeconds(10);
        this.client = HttpAsyncClients.custom()
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(tenSeconds)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(tenSeconds)
                        .setResponseTimeout(tenSeconds)
                        .build())
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .build();
        client.start();
    }

    /**
     * Posts one gzipped msgpack report; {@code done} gets the HTTP status (0 when there was none) and, unless it is
     * 200, why: the exception's class, or the status with the start of the service's message (which quota a 429 is).
     */
    void post(String token, String probeId, byte[] gzipped, BiConsumer<Integer, String> done) {
        SimpleHttpRequest request = SimpleRequestBuilder.post(target)
                .setHeader("Authorization", "Scope-Probe token=" + token)
                .setHeader("Content-Encoding", "gzip")
                .setHeader("X-Scope-Probe-Id", probeId)
                .setHeader("X-Scope-Probe-Version", "bench")
                .setBody(gzipped, MSGPACK)
                .build();
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                int code = response.getCode();
                done.accept(code, code == 200 ? null : problem(response));
            }

            @Override
            public void failed(Exception e) {
                done.accept(0, e.getClass().getSimpleName());
            }

            @Override
            public void cancelled() {
                done.accept(0, "cancelled");
            }
        });
    }

    private static String problem(SimpleHttpResponse response) {
        String body = response.getBodyText();
        String message = body == null ? "" : body.replaceAll("\\d+", "N");
        return "HTTP " + response.getCode()
                + (message.isEmpty() ? "" : ": " + message.substring(0, Math.min(80, message.length())));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
