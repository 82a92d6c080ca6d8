package io.scopecloud.standalone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A probe for browser tests: it reports the captured host {@code vm} and its processes (the
 * fixture report) every two seconds, with Weave Scope's example IOWait plugin on the host, and
 * holds the control connection the way a real probe does (scope-contract §3), answering the
 * plugin's controls: {@code iowait~switchToIOWait} swaps the host's "Idle" metric for "IO Wait"
 * and reports at once, as the plugin's shortcut report would. {@code host_exec} opens a pipe
 * (scope-contract §3, "Pipes") to a tiny line-echoing shell, for the terminal.
 */
final class FakeProbe implements AutoCloseable {
    static final String PROBE_ID = "3b0a37194325fdbc";
    private static final String HOST = "vm;<host>";

    private final URI base;
    private final String token;
    private final ObjectNode template;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-probe");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-probe-worker");
        t.setDaemon(true);
        return t;
    });
    private final java.util.List<WebSocket> pipes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean ioWait;
    private volatile WebSocket control;

    FakeProbe(URI base, String token, byte[] fixtureReportJson) throws java.io.IOException {
        this.base = requireNonNull(base, "base is null");
        this.token = requireNonNull(token, "token is null");
        this.template = (ObjectNode) json.readTree(fixtureReportJson);
    }

    /** Starts reporting; returns once the first report was accepted. */
    void startReporting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status;
        while ((status = publish()) != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service refused the probe's report: " + status);
            }
            Thread.sleep(500);
        }
        timer.scheduleWithFixedDelay(this::publishQuietly, 2, 2, TimeUnit.SECONDS);
    }

    /** Opens the control connection; false when the service does not serve {@code /api/control/ws}. */
    boolean connectControls() throws InterruptedException {
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/api/control/ws");
        try {
            control = http.newWebSocketBuilder()
                    .header("Authorization", "Scope-Probe token=" + token)
                    .header("X-Scope-Probe-ID", PROBE_ID)
                    .header("X-Scope-Probe-Version", "e2e")
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(ws, new ControlListener())
                    .get(20, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("[fake-probe] no control connection: " + e.getCause());
            return false;
        }
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            System.out.println("[fake-probe] report failed: " + e);
        }
    }

    private synchronized int publish() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/report"))
                .timeout(Duration.ofSeconds(12))
                .header("Authorization", "Scope-Probe token=" + token)
                .header("X-Scope-Probe-ID", PROBE_ID)
                .header("X-Scope-Probe-Version", "e2e")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ServiceClient.gzip(report())))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The fixture report, fresh, with the IOWait plugin's metric, templates and controls on the host. */
    byte[] report() {
        String now = Instant.now().toString();
        ObjectNode r = template.deepCopy();
        r.put("TS", now);
        r.put("ID", Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)));
        r.put("Window", 2_000_000_000L);
        ObjectNode host = r.withObjectProperty("Host");
        ObjectNode controls = host.withObjectProperty("controls");
        controls.set("iowait~switchToIOWait", control("iowait~switchToIOWait", "Switch to IO wait", "fa-clock-o"));
        controls.set("iowait~switchToIdle", control("iowait~switchToIdle", "Switch to idle", "fa-gears"));
        ObjectNode templates = host.withObjectProperty("metric_templates");
        templates.set("idle", metricTemplate("idle", "Idle"));
        templates.set("iowait", metricTemplate("iowait", "IO Wait"));
        ObjectNode node = (ObjectNode) host.withObjectProperty("nodes").get(HOST);
        ObjectNode latest = node.withObjectProperty("latest");
        latest.set(
                "active_controls",
                latest("host_exec;" + (ioWait ? "iowait~switchToIdle" : "iowait~switchToIOWait"), now));
        latest.set("control_probe_id", latest(PROBE_ID, now));
        ObjectNode metric = json.createObjectNode();
        ArrayNode samples = metric.putArray("samples");
        samples.addObject()
                .put("date", now)
                .put("value", ioWait ? 0.5 : 93.0 + ThreadLocalRandom.current().nextDouble(5));
        metric.put("min", 0).put("max", 100);
        node.withObjectProperty("metrics").set(ioWait ? "iowait" : "idle", metric);
        ArrayNode plugins = r.putArray("Plugins");
        ObjectNode spec = plugins.addObject()
                .put("id", "iowait")
                .put("label", "iowait")
                .put("description", "Adds a graph of CPU IO Wait to hosts")
                .put("api_version", "1")
                .put("status", "ok");
        spec.putArray("interfaces").add("reporter").add("controller");
        try {
            return json.writeValueAsBytes(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode control(String id, String human, String icon) {
        return json.createObjectNode()
                .put("id", id)
                .put("human", human)
                .put("icon", icon)
                .put("rank", 1);
    }

    private ObjectNode metricTemplate(String id, String label) {
        return json.createObjectNode()
                .put("id", id)
                .put("label", label)
                .put("format", "percent")
                .put("priority", 0.1);
    }

    private ObjectNode latest(String value, String at) {
        return json.createObjectNode().put("timestamp", at).put("value", value);
    }

    /** Go net/rpc over JSON text frames, the probe as the server: header frame, then body frame. */
    private final class ControlListener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private long seq = -1;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                handle(ws, frame);
            }
            ws.request(1);
            return null;
        }

        private void handle(WebSocket ws, String frame) {
            try {
                JsonNode msg = json.readTree(frame);
                JsonNode request = msg.get("Request");
                if (request != null && !request.isNull()) {
                    seq = request.path("Seq").asLong();
                    return;
                }
                JsonNode value = msg.get("Value");
                if (value == null || value.isNull() || seq < 0) {
                    return;
                }
                String name = value.path("Control").asText();
                long callSeq = seq;
                seq = -1;
                if (name.equals("host_exec")) {
                    worker.execute(() -> answer(ws, callSeq, openShell()));
                    return;
                }
                ObjectNode answer = json.createObjectNode();
                switch (name) {
                    case "iowait~switchToIOWait" -> ioWait = true;
                    case "iowait~switchToIdle" -> ioWait = false;
                    case "host_resize_exec_tty" -> {}
                    default -> answer.put("error", "Control \"" + name + "\" not recognised");
                }
                answer(ws, callSeq, answer);
                // The plugin's answer carries a shortcut report; reporting now has the same effect.
                timer.execute(FakeProbe.this::publishQuietly);
            } catch (java.io.IOException e) {
                System.out.println("[fake-probe] bad control frame " + frame + ": " + e);
            }
        }

        private void answer(WebSocket ws, long callSeq, ObjectNode answer) {
            ObjectNode header = json.createObjectNode();
            header.putNull("Request");
            header.putObject("Response")
                    .put("ServiceMethod", "control.Handle")
                    .put("Seq", callSeq)
                    .put("Error", "");
            header.putNull("Value");
            ObjectNode body = json.createObjectNode();
            body.putNull("Request");
            body.putNull("Response");
            body.set("Value", answer);
            try {
                send(ws, json.writeValueAsString(header));
                send(ws, json.writeValueAsString(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private synchronized void send(WebSocket ws, String text) {
            sending = sending.thenCompose(x -> ws.sendText(text, true));
        }
    }

    /** Dials the probe end of a new pipe, as Scope's probe does before answering with its id. */
    private ObjectNode openShell() {
        String id = "pipe-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/api/pipe/" + id + "/probe");
        try {
            pipes.add(http.newWebSocketBuilder()
                    .header("Authorization", "Scope-Probe token=" + token)
                    .header("X-Scope-Probe-ID", PROBE_ID)
                    .buildAsync(uri, new ShellListener())
                    .get(20, TimeUnit.SECONDS));
            return json.createObjectNode()
                    .put("pipe", id)
                    .put("raw_tty", true)
                    .put("resize_tty_control", "host_resize_exec_tty");
        } catch (ExecutionException | TimeoutException e) {
            return json.createObjectNode().put("error", "cannot open the pipe: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode().put("error", "interrupted");
        }
    }

    /** A shell that echoes what is typed and answers each line with {@code e2e-shell ran: <line>}. */
    private static final class ShellListener implements WebSocket.Listener {
        private final StringBuilder line = new StringBuilder();
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        @Override
        public void onOpen(WebSocket ws) {
            write(ws, "Welcome to vm (e2e shell)\r\n$ ");
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, java.nio.ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            typed(ws, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            typed(ws, data.toString());
            ws.request(1);
            return null;
        }

        private void typed(WebSocket ws, String input) {
            StringBuilder out = new StringBuilder();
            for (char c : input.toCharArray()) {
                if (c == '\r' || c == '\n') {
                    out.append("\r\ne2e-shell ran: ").append(line).append("\r\n$ ");
                    line.setLength(0);
                } else {
                    line.append(c);
                    out.append(c);
                }
            }
            write(ws, out.toString());
        }

        private synchronized void write(WebSocket ws, String text) {
            java.nio.ByteBuffer bytes =
                    java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sending = sending.thenCompose(x -> ws.sendBinary(bytes, true));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        worker.shutdownNow();
        pipes.forEach(p -> p.abort());
        WebSocket ws = control;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
