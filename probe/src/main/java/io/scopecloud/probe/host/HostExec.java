package io.scopecloud.probe.host;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.control.ResizeArgs;
import io.scopecloud.probe.pipe.PipeClient;
import io.scopecloud.probe.pipe.PipeEnd;
import io.scopecloud.report.Control;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's shell control (Scope's {@code host_exec}): a login shell on a new PTY, relayed to
 * the UI through a pipe, resized by {@code host_resize_exec_tty}. Whoever may run controls on the
 * probe gets a shell as the probe's user, so it is off unless the probe was started with
 * {@code --probe.host-exec}; only then is it registered and advertised on the Host node.
 */
public final class HostExec {
    private static final Logger log = LoggerFactory.getLogger(HostExec.class);

    public static final String EXEC = "host_exec";
    public static final String RESIZE_TTY = "host_resize_exec_tty";

    /** The Host topology's control, as Scope's host reporter declares it. */
    public static final Control CONTROL = new Control(EXEC, "Exec shell", "fa fa-terminal", 0);

    static final int INITIAL_COLUMNS = 80;
    static final int INITIAL_ROWS = 24;

    /** Starts a process on a new PTY. */
    @FunctionalInterface
    public interface PtyLauncher {
        Pty start(List<String> command, Map<String, String> environment, int columns, int rows) throws IOException;
    }

    /** A process on a PTY. */
    public interface Pty {
        /** What the process writes to its terminal. */
        InputStream output();

        /** The terminal's input. */
        OutputStream input();

        void resize(int columns, int rows) throws IOException;

        /** Kills the process and closes the PTY. */
        void kill();
    }

    private final PipeClient pipes;
    private final List<String> shell;
    private final Map<String, String> environment;
    private final PtyLauncher launcher;
    private final Map<String, Pty> ttyByPipe = new ConcurrentHashMap<>();

    public HostExec(PipeClient pipes, List<String> shell, Map<String, String> environment, PtyLauncher launcher) {
        this.pipes = requireNonNull(pipes, "pipes is null");
        this.shell = List.copyOf(requireNonNull(shell, "shell is null"));
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.launcher = requireNonNull(launcher, "launcher is null");
        if (this.shell.isEmpty()) {
            throw new IllegalArgumentException("shell is empty");
        }
    }

    public void register(ControlRegistry controls) {
        controls.register(EXEC, this::exec);
        controls.register(RESIZE_TTY, this::resize);
    }

    private ControlResponse exec(ControlRequest request) {
        Pty pty;
        try {
            pty = launcher.start(shell, environment, INITIAL_COLUMNS, INITIAL_ROWS);
        } catch (IOException | RuntimeException e) {
            return ControlResponse.error(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        String[] id = new String[1];
        String pipe = pipes.open(request.appId(), new PtyEnd(pty), () -> {
            if (id[0] != null) {
                ttyByPipe.remove(id[0]);
            }
            log.info("Host shell closed.");
        });
        id[0] = pipe;
        ttyByPipe.put(pipe, pty);
        log.info("Host shell opened on {}", pipe);
        return new ControlResponse(null, null, pipe, true, RESIZE_TTY, null);
    }

    private ControlResponse resize(ControlRequest request) {
        return ResizeArgs.handle(request, args -> {
            Pty pty = ttyByPipe.get(args.pipeId());
            if (pty == null) {
                return ControlResponse.error("Unknown pipeID (" + ControlRegistry.goQuote(args.pipeId()) + ")");
            }
            try {
                pty.resize(args.width(), args.height());
            } catch (IOException | RuntimeException e) {
                return ControlResponse.error("Error setting terminal size (" + args.height() + ", " + args.width()
                        + ") of pipe " + args.pipeId() + ": " + e.getMessage());
            }
            return ControlResponse.empty();
        });
    }

    /**
     * Scope's host shell: the login shell of the probe's user from {@code passwd} (root's, when
     * the probe runs as root), else {@code /bin/sh}; started with {@code -l}.
     */
    public static List<String> loginShell(Path passwd, String user) {
        String shell = "/bin/sh";
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 7 && fields[0].equals(user) && !fields[6].isBlank()) {
                    shell = fields[6].trim();
                    break;
                }
            }
        } catch (IOException e) {
            log.debug("cannot read {}: {}", passwd, e.toString());
        }
        return List.of(shell, "-l");
    }

    /** A pipe end on a PTY. */
    private static final class PtyEnd implements PipeEnd {
        private final Pty pty;

        PtyEnd(Pty pty) {
            this.pty = pty;
        }

        @Override
        public InputStream output() {
            return pty.output();
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            OutputStream in = pty.input();
            in.write(data, offset, length);
            in.flush();
        }

        @Override
        public void close() {
            pty.kill();
        }
    }
}
