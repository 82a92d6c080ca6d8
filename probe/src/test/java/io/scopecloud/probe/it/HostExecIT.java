package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.host.HostExec;
import io.scopecloud.probe.host.Pty4jLauncher;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.probe.pipe.WebSocketPipeClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** host_exec for real: a shell on a pty4j PTY, through a websocket pipe to a fake app playing the UI. */
class HostExecIT {
    private FakeScopeApp app;
    private WebSocketPipeClient pipes;
    private final ControlRegistry controls = new ControlRegistry();

    @BeforeEach
    void start() throws Exception {
        app = new FakeScopeApp("exec-token");
        pipes = new WebSocketPipeClient(
                HttpClient.newHttpClient(), app.url(), new ProbeIdentity("exec-token", "c0ffee", "test"));
        new HostExec(
                        pipes,
                        List.of("/bin/sh", "-l"),
                        Map.of("TERM", "xterm", "PATH", "/usr/bin:/bin", "PS1", "$ "),
                        new Pty4jLauncher())
                .register(controls);
    }

    @AfterEach
    void stop() throws Exception {
        pipes.closeAll();
        app.stop();
    }

    private ControlResponse call(String control, Map<String, String> args) {
        return controls.handle(new ControlRequest("app", "h1;<host>", control, args));
    }

    @Test
    void aShellRunsOnAPtyAndEchoesThroughThePipe() throws Exception {
        ControlResponse exec = call("host_exec", null);
        assertThat(exec.isError()).as(String.valueOf(exec.error())).isFalse();
        assertThat(exec.rawTty()).isTrue();
        assertThat(exec.resizeTtyControl()).isEqualTo("host_resize_exec_tty");
        FakeScopeApp.PipeConnection ui = app.pipe(exec.pipe());

        ui.type("echo hello-$((6*7)); tty\n");
        String out = ui.awaitOutput("hello-42", Duration.ofSeconds(10));
        ui.awaitOutput("/dev/pts/", Duration.ofSeconds(5));
        assertThat(out).contains("echo hello-$((6*7))"); // the terminal echoes what is typed

        assertThat(call("host_resize_exec_tty", Map.of("pipeID", exec.pipe(), "height", "33", "width", "97")))
                .isEqualTo(ControlResponse.empty());
        ui.type("stty size\n");
        ui.awaitOutput("33 97", Duration.ofSeconds(10));

        ui.type("exit\n");
        assertThat(ui.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(app.deletedPipes.poll(5, TimeUnit.SECONDS)).isEqualTo(exec.pipe());
    }

    @Test
    void closingThePipeKillsTheShell() throws Exception {
        ControlResponse exec = call("host_exec", null);
        FakeScopeApp.PipeConnection ui = app.pipe(exec.pipe());
        ui.type("echo $$\n");
        String out = ui.awaitOutput("\n", Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String pid = null;
        while (pid == null && System.nanoTime() < deadline) {
            for (String line : ui.output().split("\r?\n", -1)) {
                if (line.trim().matches("\\d+")) {
                    pid = line.trim();
                }
            }
            Thread.sleep(20);
        }
        assertThat(pid).as("the shell printed its pid: %s", out).isNotNull();
        ProcessHandle shell = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();

        pipes.close(exec.pipe());
        shell.onExit().get(5, TimeUnit.SECONDS);
        assertThat(shell.isAlive()).isFalse();
    }
}
