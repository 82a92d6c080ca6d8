package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.pipe.FakePipeClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerControlsTest {
    @TempDir
    Path proc;

    private final FakeRuntimeApi api = new FakeRuntimeApi();
    private final FakePipeClient pipes = new FakePipeClient();
    private final ControlRegistry controls = new ControlRegistry();
    private final DockerContainer running = DockerFixtures.container("podman-4.3-inspect-running.json");
    private ContainerRegistry registry;
    private String nodeId;

    @BeforeEach
    void start() throws Exception {
        api.containers.put(running.id(), running);
        registry = new ContainerRegistry(
                api, new NamespaceAddresses(proc), Duration.ofSeconds(10), Duration.ofSeconds(10), System::nanoTime);
        registry.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (registry.container(running.id()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        new DockerControls(api, registry, pipes).register(controls);
        nodeId = running.id() + ";<container>";
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private ControlResponse call(String control, Map<String, String> args) {
        return controls.handle(new ControlRequest("app", nodeId, control, args));
    }

    @Test
    void lifecycleControlsCallTheEngineAndReReadTheContainer() {
        api.calls.clear();
        assertThat(call("docker_stop_container", null)).isEqualTo(ControlResponse.empty());
        assertThat(api.calls).containsExactly("stop " + running.id() + " 10", "inspect " + running.id());

        for (String control : new String[] {
            "docker_start_container", "docker_restart_container", "docker_pause_container", "docker_unpause_container"
        }) {
            assertThat(call(control, null).isError()).isFalse();
        }
        assertThat(api.calls)
                .contains(
                        "start " + running.id(),
                        "restart " + running.id() + " 10",
                        "pause " + running.id(),
                        "unpause " + running.id());
    }

    @Test
    void removeAnswersWithTheRemovedNode() {
        ControlResponse response = call("docker_remove_container", null);
        assertThat(response.removedNode()).isEqualTo(nodeId);
        assertThat(response.toJson().toString()).isEqualTo("{\"removedNode\":\"" + nodeId + "\"}");
        assertThat(api.calls).contains("remove " + running.id());
    }

    @Test
    void engineErrorsAndBadIdsAreAnsweredInError() {
        api.failControls = new EngineException(404, "no container with name or ID \"x\" found: no such container");
        assertThat(call("docker_pause_container", null).error())
                .isEqualTo("no container with name or ID \"x\" found: no such container");
        assertThat(controls.handle(new ControlRequest("app", "abc;<host>", "docker_stop_container", null))
                        .error())
                .isEqualTo("Invalid ID: abc;<host>");
    }

    @Test
    void execOpensATtyPipeThatResizes() throws Exception {
        api.streamOutput = "/ # ";
        ControlResponse response = call("docker_exec_container", null);

        assertThat(response.pipe()).isEqualTo("pipe-1");
        assertThat(response.rawTty()).isTrue();
        assertThat(response.resizeTtyControl()).isEqualTo("docker_resize_exec_tty");
        assertThat(api.calls).anySatisfy(c -> assertThat(c)
                .startsWith("exec " + running.id() + " /bin/sh -c TERM=xterm exec $(")
                .endsWith("tty=true"));
        assertThat(new String(pipes.ends.get("pipe-1").output().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("/ # ");
        pipes.ends.get("pipe-1").write("ls\n".getBytes(StandardCharsets.UTF_8), 0, 3);
        assertThat(api.execInput.toString(StandardCharsets.UTF_8)).isEqualTo("ls\n");

        assertThat(call("docker_resize_exec_tty", Map.of("pipeID", "pipe-1", "height", "40", "width", "120")))
                .isEqualTo(ControlResponse.empty());
        assertThat(api.calls).contains("resize exec-1 40x120");
        assertThat(call("docker_resize_exec_tty", Map.of("pipeID", "pipe-9", "height", "1", "width", "1"))
                        .error())
                .isEqualTo("Unknown pipeID (\"pipe-9\")");
        assertThat(call("docker_resize_exec_tty", Map.of("pipeID", "pipe-1", "height", "x", "width", "1"))
                        .error())
                .isEqualTo("Bad parameter: height (\"x\")");
        assertThat(call("docker_resize_exec_tty", Map.of("height", "1", "width", "1"))
                        .error())
                .isEqualTo("Missing argument: pipeID");

        pipes.close("pipe-1");
        assertThat(api.calls).contains("close-stream");
        assertThat(call("docker_resize_exec_tty", Map.of("pipeID", "pipe-1", "height", "1", "width", "1"))
                        .error())
                .startsWith("Unknown pipeID");
    }

    @Test
    void attachUsesTheContainersTtyAndLogsAreReadOnly() throws Exception {
        ControlResponse attach = call("docker_attach_container", null);
        assertThat(attach.pipe()).isNotEmpty();
        assertThat(attach.rawTty()).isFalse(); // the fixture container has no TTY
        assertThat(api.calls).contains("attach " + running.id() + " tty=false");

        ControlResponse logs = call("docker_get_logs", null);
        assertThat(logs.pipe()).isNotEmpty();
        assertThat(logs.rawTty()).isFalse();
        assertThat(logs.resizeTtyControl()).isNull();
        assertThat(api.calls).contains("logs " + running.id() + " tail=1000");
        pipes.ends.get(logs.pipe()).write(new byte[] {1}, 0, 1); // ignored

        assertThat(controls.handle(new ControlRequest("app", "f00;<container>", "docker_attach_container", null))
                        .error())
                .isEqualTo("Not found: f00");
    }
}
