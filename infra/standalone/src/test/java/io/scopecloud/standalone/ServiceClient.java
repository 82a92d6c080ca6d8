package io.scopecloud.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/** A plain HTTP client speaking to a running service the way probes and the UI do. */
final class ServiceClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ServiceClient(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> postReport(String token, String contentType, String encoding, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/report"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-Scope-Probe-ID", "3b0a37194325fdbc")
                .header("X-Scope-Probe-Version", "test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Scope-Probe token=" + token);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.GET().build());
    }

    /** Polls {@code path} until the body matches, or fails after {@code timeout}. */
    HttpResponse<String> awaitGet(String path, String bearer, Predicate<HttpResponse<String>> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = get(path, bearer);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "gave up waiting on " + path + ": last answer " + last.statusCode() + " " + last.body());
            }
            Thread.sleep(100);
            last = get(path, bearer);
        }
        return last;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
