package io.scopecloud.probe.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.pipe.FakePipeClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostExecTest {
    @TempDir
    Path temp;

    private final FakePipeClient pipes = new FakePipeClient();
    private final ControlRegistry controls = new ControlRegistry();
    private final List<String> events = new ArrayList<>();

    private final HostExec.PtyLauncher launcher = (command, env, columns, rows) -> {
        events.add("start " + String.join(" ", command) + " " + env.get("TERM") + " " + columns + "x" + rows);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        return new HostExec.Pty() {
            @Override
            public InputStream output() {
                return new ByteArrayInputStream("# ".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public OutputStream input() {
                return input;
            }

            @Override
            public void resize(int newColumns, int newRows) {
                events.add("resize " + newColumns + "x" + newRows);
            }

            @Override
            public void kill() {
                events.add("kill");
            }
        };
    };

    private ControlResponse call(String control, Map<String, String> args) {
        return controls.handle(new ControlRequest("app", "h1;<host>", control, args));
    }

    @Test
    void execOpensAShellOnAPtyThroughAPipeAndResizesIt() {
        new HostExec(pipes, List.of("/bin/bash", "-l"), Map.of("TERM", "xterm"), launcher).register(controls);

        ControlResponse response = call("host_exec", null);
        assertThat(response.toJson().toString())
                .isEqualTo("{\"pipe\":\"pipe-1\",\"raw_tty\":true,\"resize_tty_control\":\"host_resize_exec_tty\"}");
        assertThat(events).containsExactly("start /bin/bash -l xterm 80x24");

        assertThat(call("host_resize_exec_tty", Map.of("pipeID", "pipe-1", "height", "40", "width", "132")))
                .isEqualTo(ControlResponse.empty());
        assertThat(events).contains("resize 132x40");
        assertThat(call("host_resize_exec_tty", Map.of("pipeID", "pipe-2", "height", "40", "width", "132"))
                        .error())
                .isEqualTo("Unknown pipeID (\"pipe-2\")");
        assertThat(call("host_resize_exec_tty", Map.of("pipeID", "pipe-1", "width", "132"))
                        .error())
                .isEqualTo("Missing argument: height");

        pipes.close("pipe-1");
        assertThat(events).endsWith("kill");
        assertThat(call("host_resize_exec_tty", Map.of("pipeID", "pipe-1", "height", "4", "width", "4"))
                        .isError())
                .isTrue();
    }

    @Test
    void aShellThatCannotStartIsAnError() {
        new HostExec(pipes, List.of("/nope"), Map.of(), (c, e, w, h) -> {
                    throw new IOException("Exec_tty error:Unknown reason");
                })
                .register(controls);
        assertThat(call("host_exec", null).error()).isEqualTo("Exec_tty error:Unknown reason");
        assertThat(pipes.ends).isEmpty();
    }

    @Test
    void theShellIsTheUsersLoginShell() throws IOException {
        Path passwd = temp.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nscope:x:1000:1000::/home/scope:/usr/bin/zsh\n");
        assertThat(HostExec.loginShell(passwd, "root")).containsExactly("/bin/bash", "-l");
        assertThat(HostExec.loginShell(passwd, "scope")).containsExactly("/usr/bin/zsh", "-l");
        assertThat(HostExec.loginShell(passwd, "nobody")).containsExactly("/bin/sh", "-l");
        assertThat(HostExec.loginShell(temp.resolve("missing"), "root")).containsExactly("/bin/sh", "-l");
    }
}
