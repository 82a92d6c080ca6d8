package io.scopecloud.probe.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A hand-written engine for the registry's and the controls' unit tests: containers to inspect,
 * events the test pushes, stats per container, and a record of every call.
 */
final class FakeRuntimeApi implements RuntimeApi {
    final Map<String, DockerContainer> containers = new ConcurrentHashMap<>();
    final List<DockerImage> images = new CopyOnWriteArrayList<>();
    final List<DockerNetwork> networks = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger imageLists = new AtomicInteger();
    final AtomicInteger eventStreams = new AtomicInteger();
    private final BlockingQueue<Optional<EngineEvent>> events = new LinkedBlockingQueue<>();
    volatile Function<String, StatsSample> stats = id -> null;
    volatile IOException failInspect;
    volatile IOException failControls;
    volatile boolean unreachable;
    final ByteArrayOutputStream execInput = new ByteArrayOutputStream();
    volatile String streamOutput = "";

    void push(EngineEvent event) {
        events.add(Optional.of(event));
    }

    /** Ends the current event stream, as an engine restart would. */
    void endStream() {
        events.add(Optional.empty());
    }

    @Override
    public String version() {
        return "Fake Engine 1.0";
    }

    @Override
    public List<String> containerIds() {
        calls.add("list");
        return new ArrayList<>(containers.keySet());
    }

    @Override
    public Optional<DockerContainer> inspect(String id) throws IOException {
        calls.add("inspect " + id);
        if (failInspect != null) {
            throw failInspect;
        }
        return Optional.ofNullable(containers.get(id));
    }

    @Override
    public List<DockerImage> images() {
        imageLists.incrementAndGet();
        return List.copyOf(images);
    }

    @Override
    public List<DockerNetwork> networks() {
        return List.copyOf(networks);
    }

    @Override
    public StatsSample stats(String id) throws IOException {
        StatsSample s = stats.apply(id);
        if (s == null) {
            throw new IOException("no stats");
        }
        return s;
    }

    @Override
    public EventStream events() throws IOException {
        eventStreams.incrementAndGet();
        if (unreachable) {
            throw new IOException("connection refused");
        }
        return new EventStream() {
            private volatile boolean closed;

            @Override
            public EngineEvent next() throws IOException {
                while (!closed) {
                    try {
                        Optional<EngineEvent> e = events.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (e != null) {
                            return e.orElse(null);
                        }
                    } catch (InterruptedException ex) {
                        throw new IOException("interrupted");
                    }
                }
                return null;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    private void control(String call) throws IOException {
        calls.add(call);
        if (failControls != null) {
            throw failControls;
        }
    }

    @Override
    public void stop(String id, int timeoutSeconds) throws IOException {
        control("stop " + id + " " + timeoutSeconds);
    }

    @Override
    public void start(String id) throws IOException {
        control("start " + id);
    }

    @Override
    public void restart(String id, int timeoutSeconds) throws IOException {
        control("restart " + id + " " + timeoutSeconds);
    }

    @Override
    public void pause(String id) throws IOException {
        control("pause " + id);
    }

    @Override
    public void unpause(String id) throws IOException {
        control("unpause " + id);
    }

    @Override
    public void remove(String id) throws IOException {
        control("remove " + id);
    }

    @Override
    public RawStream attach(String id, boolean tty) throws IOException {
        control("attach " + id + " tty=" + tty);
        return stream(true);
    }

    @Override
    public String createExec(String id, List<String> command, boolean tty) throws IOException {
        control("exec " + id + " " + String.join(" ", command) + " tty=" + tty);
        return "exec-1";
    }

    @Override
    public RawStream startExec(String execId, boolean tty) throws IOException {
        control("start-exec " + execId);
        return stream(true);
    }

    @Override
    public void resizeExec(String execId, int height, int width) throws IOException {
        control("resize " + execId + " " + height + "x" + width);
    }

    @Override
    public RawStream logs(String id, boolean tty, int tail) throws IOException {
        control("logs " + id + " tail=" + tail);
        return stream(false);
    }

    private RawStream stream(boolean withInput) {
        InputStream out = new ByteArrayInputStream(streamOutput.getBytes(StandardCharsets.UTF_8));
        return new RawStream() {
            @Override
            public InputStream output() {
                return out;
            }

            @Override
            public OutputStream input() {
                return withInput ? execInput : null;
            }

            @Override
            public void close() {
                calls.add("close-stream");
            }
        };
    }
}
