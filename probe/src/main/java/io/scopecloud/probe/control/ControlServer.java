package io.scopecloud.probe.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.probe.control.ControlLink.HandshakeRejectedException;
import io.scopecloud.probe.net.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe's side of the control connection: an RPC <em>server</em> on a websocket the probe
 * dials (scope-contract §3). It keeps one connection open, reconnecting with jittered backoff when
 * it drops; reads two-frame requests, runs each on the worker pool (so a slow control does not
 * hold up the others, and answers may go out of order, matched by Seq); writes each answer's two
 * frames together; pings every 33 s and gives up on a connection that has not answered for 60 s.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    static final Duration PING_PERIOD = Duration.ofMillis(33_333);
    static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private final ControlLink link;
    private final ControlRegistry registry;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Backoff backoff;
    private final LongSupplier nanoTime;
    private final Duration pingPeriod;
    private final Duration readDeadline;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile ControlLink.Session current;
    private volatile String appId = "";

    public ControlServer(
            ControlLink link,
            ControlRegistry registry,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Backoff backoff,
            LongSupplier nanoTime,
            Duration pingPeriod,
            Duration readDeadline) {
        this.link = requireNonNull(link, "link is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.pingPeriod = requireNonNull(pingPeriod, "pingPeriod is null");
        this.readDeadline = requireNonNull(readDeadline, "readDeadline is null");
        this.thread = new Thread(this::run, "scope-control");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The app ID requests are stamped with ({@code AppID}), as learned from the service's {@code /api}. */
    public void setAppId(String appId) {
        this.appId = requireNonNull(appId, "appId is null");
    }

    /** True while a connection is open. */
    public boolean isConnected() {
        return current != null;
    }

    @Override
    public void close() {
        running = false;
        ControlLink.Session session = current;
        if (session != null) {
            session.close();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                serveOneConnection();
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                Thread.currentThread().interrupt();
                return;
            } catch (HandshakeRejectedException e) {
                logRejection(e);
            } catch (IOException | RuntimeException e) {
                log.warn("control connection failed: {}", e.getMessage() == null ? e.toString() : e.getMessage());
            }
            if (!running) {
                return;
            }
            Duration delay = backoff.nextDelay();
            log.info("control connection: reconnecting in {} s", String.format("%.1f", delay.toMillis() / 1000.0));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serveOneConnection() throws IOException, InterruptedException {
        Connection connection = new Connection();
        ControlLink.Session session = link.open(connection);
        current = session;
        backoff.reset();
        log.info("control connection established");
        ScheduledFuture<?> pinger = timer.scheduleAtFixedRate(
                connection::keepAlive, pingPeriod.toMillis(), pingPeriod.toMillis(), TimeUnit.MILLISECONDS);
        try {
            connection.closed.await();
        } finally {
            pinger.cancel(false);
            current = null;
            session.close();
        }
        log.info("control connection closed: {}", connection.closeReason);
    }

    private static void logRejection(HandshakeRejectedException e) {
        if (e.status() == 401) {
            log.error("control connection: the service refused the probe token (HTTP 401). Check --service-token:"
                    + " copy the token again from your organisation's settings. Retrying with backoff.");
        } else {
            log.warn("control connection refused: {}", e.getMessage());
        }
    }

    /** One websocket connection: reads frames, tracks liveness, answers requests. */
    private final class Connection implements ControlLink.Listener {
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile ControlLink.Session session;
        private volatile long lastHeard = nanoTime.getAsLong();
        private volatile String closeReason = "";
        private RpcFrame.RequestHeader pendingHeader; // frames arrive one at a time

        @Override
        public void onOpen(ControlLink.Session openSession) {
            session = openSession;
            lastHeard = nanoTime.getAsLong();
        }

        @Override
        public void onText(String text) {
            lastHeard = nanoTime.getAsLong();
            RpcFrame frame;
            try {
                frame = RpcFrame.parse(text);
            } catch (IOException | RuntimeException e) {
                fail("malformed control frame: " + e.getMessage());
                return;
            }
            if (pendingHeader == null) {
                if (frame instanceof RpcFrame.RequestHeader header) {
                    pendingHeader = header;
                } else {
                    fail("expected a request header, got " + text);
                }
                return;
            }
            RpcFrame.RequestHeader header = pendingHeader;
            pendingHeader = null;
            if (!(frame instanceof RpcFrame.Body body)) {
                fail("expected a request body, got " + text);
                return;
            }
            try {
                workers.execute(() -> answer(header, body.value()));
            } catch (RejectedExecutionException e) {
                reply(header, ControlResponse.error("probe is busy, try again"));
            }
        }

        @Override
        public void onPong() {
            lastHeard = nanoTime.getAsLong();
        }

        @Override
        public void onClosed(String reason) {
            closeReason = reason;
            closed.countDown();
        }

        private void answer(RpcFrame.RequestHeader header, JsonNode value) {
            if (!RpcFrame.METHOD.equals(header.serviceMethod())) {
                send(
                        new RpcFrame.ResponseHeader(
                                header.serviceMethod(),
                                header.seq(),
                                "rpc: can't find service " + header.serviceMethod()),
                        RpcFrame.JSON.createObjectNode());
                return;
            }
            ControlResponse response;
            try {
                ControlRequest request = RpcFrame.JSON.treeToValue(value, ControlRequest.class);
                response = registry.handle(request.withAppId(appId));
            } catch (IOException | RuntimeException e) {
                response = ControlResponse.error("malformed control request: " + e.getMessage());
            }
            reply(header, response);
        }

        private void reply(RpcFrame.RequestHeader header, ControlResponse response) {
            send(new RpcFrame.ResponseHeader(RpcFrame.METHOD, header.seq(), ""), response.toJson());
        }

        private void send(RpcFrame.ResponseHeader header, JsonNode value) {
            ControlLink.Session s = session;
            String head = header.toJson();
            String body = new RpcFrame.Body(value).toJson();
            try {
                synchronized (this) { // a response's two frames must be adjacent
                    s.sendText(head);
                    s.sendText(body);
                }
            } catch (IOException | RuntimeException e) {
                fail("cannot send control response: " + e.getMessage());
            }
        }

        private void keepAlive() {
            long silentNanos = nanoTime.getAsLong() - lastHeard;
            if (silentNanos > readDeadline.toNanos()) {
                fail("no pong for " + readDeadline.toSeconds() + " s");
                return;
            }
            try {
                session.ping();
            } catch (IOException | RuntimeException e) {
                fail("ping failed: " + e.getMessage());
            }
        }

        private void fail(String reason) {
            log.warn("control connection: {}", reason);
            closeReason = reason;
            ControlLink.Session s = session;
            if (s != null) {
                s.close();
            }
            closed.countDown();
        }
    }
}
