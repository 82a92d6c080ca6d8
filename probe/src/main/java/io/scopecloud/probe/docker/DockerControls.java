package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.control.ControlHandler;
import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.control.ResizeArgs;
import io.scopecloud.probe.pipe.PipeClient;
import io.scopecloud.probe.pipe.PipeEnd;
import io.scopecloud.report.Control;
import io.scopecloud.report.id.NodeIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container controls, with Scope's ids, labels, icons and answers
 * ({@code probe/docker/controls.go}): stop, start, restart, pause, unpause, remove (answering
 * {@code removedNode}), attach and exec through pipes (exec with a TTY and
 * {@code docker_resize_exec_tty}); plus {@code docker_get_logs}, which Scope 1.x has only for
 * Kubernetes pods: the container's last lines and then its output as it comes, in a read-only
 * pipe. Each control acts on the engine and re-reads the container, so its new state is
 * published at once even where the engine sends no event (podman's stop without an init).
 */
public final class DockerControls {
    private static final Logger log = LoggerFactory.getLogger(DockerControls.class);

    public static final String STOP = "docker_stop_container";
    public static final String START = "docker_start_container";
    public static final String RESTART = "docker_restart_container";
    public static final String PAUSE = "docker_pause_container";
    public static final String UNPAUSE = "docker_unpause_container";
    public static final String REMOVE = "docker_remove_container";
    public static final String ATTACH = "docker_attach_container";
    public static final String EXEC = "docker_exec_container";
    public static final String RESIZE_EXEC_TTY = "docker_resize_exec_tty";
    public static final String GET_LOGS = "docker_get_logs";

    /** Scope's stop and restart grace period, in seconds. */
    static final int WAIT_SECONDS = 10;

    static final int LOG_TAIL_LINES = 1000;

    /** Scope's exec command: root's login shell if getent knows it, else /bin/sh. */
    static final List<String> EXEC_COMMAND = List.of(
            "/bin/sh",
            "-c",
            "TERM=xterm exec $( (type getent > /dev/null 2>&1  && getent passwd root | cut -d: -f7 2>/dev/null)"
                    + " || echo /bin/sh)");

    /** The Container topology's controls, as Scope's reporter declares them (plus logs). */
    public static final List<Control> CONTROLS = List.of(
            new Control(GET_LOGS, "Get logs", "fa fa-desktop", 0),
            new Control(ATTACH, "Attach", "fa fa-desktop", 1),
            new Control(EXEC, "Exec shell", "fa fa-terminal", 2),
            new Control(START, "Start", "fa fa-play", 3),
            new Control(RESTART, "Restart", "fa fa-redo", 4),
            new Control(PAUSE, "Pause", "fa fa-pause", 5),
            new Control(UNPAUSE, "Unpause", "fa fa-play", 6),
            new Control(STOP, "Stop", "fa fa-stop", 7),
            new Control(REMOVE, "Remove", "far fa-trash-alt", 8));

    private final RuntimeApi api;
    private final ContainerRegistry registry;
    private final PipeClient pipes;
    private final Map<String, String> execByPipe = new ConcurrentHashMap<>();

    public DockerControls(RuntimeApi api, ContainerRegistry registry, PipeClient pipes) {
        this.api = requireNonNull(api, "api is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.pipes = requireNonNull(pipes, "pipes is null");
    }

    public void register(ControlRegistry controls) {
        controls.register(STOP, container(id -> api.stop(id, WAIT_SECONDS), "Stopping"));
        controls.register(START, container(api::start, "Starting"));
        controls.register(RESTART, container(id -> api.restart(id, WAIT_SECONDS), "Restarting"));
        controls.register(PAUSE, container(api::pause, "Pausing"));
        controls.register(UNPAUSE, container(api::unpause, "Unpausing"));
        controls.register(REMOVE, this::remove);
        controls.register(ATTACH, this::attach);
        controls.register(EXEC, this::exec);
        controls.register(RESIZE_EXEC_TTY, this::resizeExec);
        controls.register(GET_LOGS, this::logs);
    }

    public void deregister(ControlRegistry controls) {
        controls.replace(
                List.of(STOP, START, RESTART, PAUSE, UNPAUSE, REMOVE, ATTACH, EXEC, RESIZE_EXEC_TTY, GET_LOGS),
                Map.of());
    }

    @FunctionalInterface
    private interface EngineCall {
        void run(String containerId) throws IOException;
    }

    /** A control that makes one engine call on the node's container and answers {@code {}}. */
    private ControlHandler container(EngineCall call, String verb) {
        return request -> {
            Optional<String> id = containerId(request);
            if (id.isEmpty()) {
                return invalidId(request);
            }
            log.info("{} container {}", verb, id.get());
            try {
                call.run(id.get());
            } catch (IOException e) {
                return ControlResponse.error(message(e));
            }
            registry.refresh(id.get());
            return ControlResponse.empty();
        };
    }

    private ControlResponse remove(ControlRequest request) {
        Optional<String> id = containerId(request);
        if (id.isEmpty()) {
            return invalidId(request);
        }
        log.info("Removing container {}", id.get());
        try {
            api.remove(id.get());
        } catch (IOException e) {
            return ControlResponse.error(message(e));
        }
        return new ControlResponse(null, null, null, false, null, request.nodeId());
    }

    private ControlResponse attach(ControlRequest request) {
        Optional<String> id = containerId(request);
        if (id.isEmpty()) {
            return invalidId(request);
        }
        Optional<ContainerEntry> entry = registry.container(id.get());
        if (entry.isEmpty()) {
            return ControlResponse.error("Not found: " + id.get());
        }
        boolean tty = entry.get().container().tty();
        RuntimeApi.RawStream stream;
        try {
            stream = api.attach(id.get(), tty);
        } catch (IOException e) {
            return ControlResponse.error(message(e));
        }
        String pipe = pipes.open(request.appId(), new StreamEnd(stream), () -> {});
        return new ControlResponse(null, null, pipe, tty, null, null);
    }

    private ControlResponse exec(ControlRequest request) {
        Optional<String> id = containerId(request);
        if (id.isEmpty()) {
            return invalidId(request);
        }
        String execId;
        RuntimeApi.RawStream stream;
        try {
            execId = api.createExec(id.get(), EXEC_COMMAND, true);
            stream = api.startExec(execId, true);
        } catch (IOException e) {
            return ControlResponse.error(message(e));
        }
        String[] pipeId = new String[1];
        String pipe = pipes.open(request.appId(), new StreamEnd(stream), () -> {
            if (pipeId[0] != null) {
                execByPipe.remove(pipeId[0]);
            }
        });
        pipeId[0] = pipe;
        execByPipe.put(pipe, execId);
        log.info("Exec shell in container {} on {}", id.get(), pipe);
        return new ControlResponse(null, null, pipe, true, RESIZE_EXEC_TTY, null);
    }

    private ControlResponse resizeExec(ControlRequest request) {
        return ResizeArgs.handle(request, args -> {
            String execId = execByPipe.get(args.pipeId());
            if (execId == null) {
                return ControlResponse.error("Unknown pipeID (" + ControlRegistry.goQuote(args.pipeId()) + ")");
            }
            try {
                api.resizeExec(execId, args.height(), args.width());
            } catch (IOException e) {
                return ControlResponse.error("Error setting terminal size (" + args.height() + ", " + args.width()
                        + ") of pipe " + args.pipeId() + ": " + message(e));
            }
            return ControlResponse.empty();
        });
    }

    private ControlResponse logs(ControlRequest request) {
        Optional<String> id = containerId(request);
        if (id.isEmpty()) {
            return invalidId(request);
        }
        boolean tty = registry.container(id.get()).map(e -> e.container().tty()).orElse(false);
        RuntimeApi.RawStream stream;
        try {
            stream = api.logs(id.get(), tty, LOG_TAIL_LINES);
        } catch (IOException e) {
            return ControlResponse.error(message(e));
        }
        String pipe = pipes.open(request.appId(), new StreamEnd(stream), () -> {});
        return new ControlResponse(null, null, pipe, false, null, null);
    }

    private static Optional<String> containerId(ControlRequest request) {
        return NodeIds.parseContainerId(request.nodeId());
    }

    private static ControlResponse invalidId(ControlRequest request) {
        return ControlResponse.error("Invalid ID: " + request.nodeId());
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** A pipe end on an engine stream: its output to the UI, keystrokes to its stdin (if any). */
    static final class StreamEnd implements PipeEnd {
        private final RuntimeApi.RawStream stream;

        StreamEnd(RuntimeApi.RawStream stream) {
            this.stream = stream;
        }

        @Override
        public InputStream output() {
            return stream.output();
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            OutputStream input = stream.input();
            if (input != null) {
                input.write(data, offset, length);
                input.flush();
            }
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
