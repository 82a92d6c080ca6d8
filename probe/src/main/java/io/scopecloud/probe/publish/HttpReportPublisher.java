package io.scopecloud.probe.publish;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.net.Backoff;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.SuccessiveReportEncoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts reports to {@code <service>/api/report} the way Scope's probe does (scope-contract §2):
 * gzipped, with the probe's headers, through a {@link PublishQueue} of two slots drained by one
 * sender thread. After a failure the sender waits (1 s doubling to 60 s, reset on success; a 503's
 * {@code Retry-After} when given) and then sends whatever is newest; a timeout is retried at once,
 * since the timeout itself was the wait. A refused token is said plainly and retried, never fatal.
 */
public final class HttpReportPublisher implements ReportPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpReportPublisher.class);

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(12);
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final HttpClient client;
    private final URI serviceUrl;
    private final URI reportUri;
    private final ProbeIdentity identity;
    private final WireFormat format;
    private final SuccessiveReportEncoder encoder;
    private final Backoff backoff;
    private final PublishListener listener;
    private final Sleeper sleeper;
    private final Clock clock;
    private final PublishQueue queue = new PublishQueue(2);
    private final Thread sender;
    private volatile boolean running = true;
    private boolean everAccepted;
    private boolean failing;
    private final java.util.concurrent.atomic.AtomicLong undelivered = new java.util.concurrent.atomic.AtomicLong();

    public HttpReportPublisher(
            HttpClient client,
            URI serviceUrl,
            ProbeIdentity identity,
            WireFormat format,
            Backoff backoff,
            PublishListener listener,
            Sleeper sleeper,
            Clock clock) {
        this.client = requireNonNull(client, "client is null");
        this.serviceUrl = requireNonNull(serviceUrl, "serviceUrl is null");
        this.reportUri = resolve(serviceUrl, "/api/report");
        this.identity = requireNonNull(identity, "identity is null");
        this.format = requireNonNull(format, "format is null");
        this.encoder = new SuccessiveReportEncoder(format);
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sender = new Thread(this::sendLoop, "scope-publish");
        this.sender.setDaemon(true);
    }

    /** {@code base} plus {@code path}, keeping any path prefix of the service URL. */
    public static URI resolve(URI base, String path) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + path);
    }

    public void start() {
        sender.start();
    }

    @Override
    public void publish(Report report, boolean shortcut) {
        byte[] body = gzip(report);
        if (!queue.offer(new PublishQueue.Item(body, shortcut))) {
            undelivered.incrementAndGet();
            // expected while the service is unreachable: only the newest reports are worth sending
            log.debug("publish queue full: dropped a {} report", shortcut ? "shortcut" : "queued");
        }
    }

    @Override
    public long undelivered() {
        return undelivered.get();
    }

    /** Items waiting to be sent (for tests and status). */
    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Encodes and gzips; one caller at a time, as the encoder keeps the last report's topologies. */
    private synchronized byte[] gzip(Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            encoder.writeGzipped(report, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode report", e);
        }
        return bytes.toByteArray();
    }

    private void sendLoop() {
        while (running) {
            try {
                Duration wait = send(queue.take()); // close() interrupts the wait
                if (wait != null) {
                    sleeper.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("publish loop error", e);
            }
        }
    }

    /** Sends one report; returns how long to wait before the next, or null for no wait. */
    Duration send(PublishQueue.Item item) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(reportUri)
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", identity.userAgent())
                .header("Content-Type", format.contentType())
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(item.body()));
        for (Map.Entry<String, String> header : identity.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            problem("publishing to " + reportUri + " timed out; retrying now");
            backoff.reset();
            return null;
        } catch (ConnectException e) {
            return failure("cannot reach the service at " + serviceUrl + " (" + reason(e) + ")", null);
        } catch (IOException e) {
            return failure("publishing to " + reportUri + " failed: " + reason(e), null);
        }
        int status = response.statusCode();
        if (status == 200) {
            succeeded();
            return null;
        }
        String body = abbreviate(response.body());
        return switch (status) {
            case 401 ->
                failure(
                        "the service refused the probe token (HTTP 401). Check --service-token: copy the token again"
                                + " from your organisation's settings page; the probe keeps retrying",
                        null);
            case 402, 403 ->
                failure(
                        "the service refused reports for this organisation (HTTP " + status + ")"
                                + (body.isEmpty() ? "" : ": " + body),
                        null);
            case 503 ->
                failure(
                        "the service is unavailable (HTTP 503)" + (body.isEmpty() ? "" : ": " + body),
                        retryAfter(response).orElse(null));
            default -> failure("the service answered HTTP " + status + (body.isEmpty() ? "" : ": " + body), null);
        };
    }

    private void succeeded() {
        backoff.reset();
        listener.accepted(clock.instant());
        if (!everAccepted) {
            everAccepted = true;
            log.info("reports are reaching {}; this host is on your map there", serviceUrl);
        } else if (failing) {
            log.info("reports are reaching {} again", serviceUrl);
        }
        failing = false;
    }

    private Duration failure(String problem, Duration retryAfter) {
        Duration wait = backoff.nextDelay();
        if (retryAfter != null) {
            wait = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        problem(problem + "; next attempt in " + seconds(wait));
        return wait;
    }

    private void problem(String message) {
        undelivered.incrementAndGet();
        failing = true;
        log.warn("{}", message);
        listener.failed(clock.instant(), message);
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? java.util.Optional.of(Duration.ofSeconds(seconds)) : java.util.Optional.empty();
            } catch (NumberFormatException e) {
                return java.util.Optional.empty(); // HTTP-date form: fall back to the backoff
            }
        });
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String reason(IOException e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        return e instanceof ConnectException
                ? "connection refused"
                : e.getClass().getSimpleName();
    }

    private static String abbreviate(String body) {
        String trimmed = body == null ? "" : body.strip();
        return trimmed.length() > 300 ? trimmed.substring(0, 300) + "…" : trimmed;
    }
}
