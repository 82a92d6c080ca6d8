package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scopecloud.probe.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DockerEngineClient} against a real engine (podman's Docker API on CI, see
 * {@link TestEngine}): the calls the registry makes, the event stream, the hijacked exec and
 * attach streams, followed logs, and errors.
 */
class DockerEngineClientIT {
    private static TestEngine engine;
    private static DockerEngineClient client;
    private static String sleeper;

    @BeforeAll
    static void start() throws IOException {
        engine = TestEngine.connect();
        client = new DockerEngineClient(engine.socket());
        sleeper = engine.run(
                engine.name("client-sleeper"),
                null,
                false,
                Map.of("com.example.role", "sleeper"),
                "sh",
                "-c",
                "i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.2; done");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void listsAndInspectsContainersImagesAndNetworks() throws IOException {
        assertThat(client.version()).isNotBlank();
        assertThat(client.containerIds()).contains(sleeper);

        DockerContainer c = client.inspect(sleeper).orElseThrow();
        assertThat(c.id()).isEqualTo(sleeper);
        assertThat(c.name()).isEqualTo(engine.name("client-sleeper"));
        assertThat(c.state().running()).isTrue();
        assertThat(c.state().stateString()).isEqualTo("running");
        assertThat(c.state().pid()).isPositive();
        assertThat(c.labels()).containsEntry("com.example.role", "sleeper");
        assertThat(c.env()).contains("SECRET_TOKEN=hunter2");
        assertThat(c.imageId()).hasSize(64).doesNotStartWith("sha256:");
        assertThat(c.path()).isNotEmpty();

        assertThat(client.images()).anySatisfy(image -> {
            assertThat(image.id()).isEqualTo(c.imageId());
            assertThat(image.repoTags()).contains(TestEngine.IMAGE);
            assertThat(image.size()).isPositive();
        });
        assertThat(client.networks()).isNotEmpty();
        assertThat(client.inspect("0".repeat(64))).isEmpty();
    }

    @Test
    void readsStatsWithoutWaiting() throws IOException {
        long started = System.nanoTime();
        StatsSample first = client.stats(sleeper);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(first.memoryUsage()).isPositive();
        assertThat(first.memoryLimit()).isPositive();
        assertThat(first.cpuTotalNanos()).isPositive();
        assertThat(first.systemCpuNanos()).isPositive();
        assertThat(first.read()).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void followsEvents() throws Exception {
        String paused = engine.run(engine.name("client-events"), null, false, Map.of(), "sleep", "3600");
        try (RuntimeApi.EventStream events = client.events()) {
            CompletableFuture<List<String>> seen = CompletableFuture.supplyAsync(() -> {
                List<String> actions = new ArrayList<>();
                try {
                    EngineEvent e;
                    while ((e = events.next()) != null) {
                        if (e.id().equals(paused)) {
                            actions.add(e.type() + ":" + e.action());
                            if (e.action().equals("unpause")) {
                                return actions;
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
                return actions;
            });
            Thread.sleep(200);
            client.pause(paused);
            assertThat(client.inspect(paused).orElseThrow().state().paused()).isTrue();
            client.unpause(paused);
            assertThat(seen.get(10, TimeUnit.SECONDS)).containsSubsequence("container:pause", "container:unpause");
        }
    }

    @Test
    void execOpensAShellOnATtyThatCanBeResized() throws Exception {
        String execId = client.createExec(sleeper, DockerControls.EXEC_COMMAND, true);
        try (RuntimeApi.RawStream shell = client.startExec(execId, true)) {
            Reader out = new Reader(shell.output());
            client.resizeExec(execId, 40, 100);
            shell.input().write("echo hello-$((6*7)); stty size\n".getBytes(StandardCharsets.UTF_8));
            shell.input().flush();
            assertThat(out.await("40 100", Duration.ofSeconds(10))).contains("hello-42");
            shell.input().write("exit\n".getBytes(StandardCharsets.UTF_8));
            shell.input().flush();
            out.awaitEnd(Duration.ofSeconds(10));
        }
    }

    @Test
    void attachesToAContainerWithAndWithoutATty() throws Exception {
        try (RuntimeApi.RawStream attached = client.attach(sleeper, false)) {
            // no TTY: the multiplexed stream is demultiplexed
            assertThat(new Reader(attached.output()).await("line-", Duration.ofSeconds(10)))
                    .doesNotContain("\u0001\u0000\u0000\u0000");
        }
        String tty = engine.run(engine.name("client-tty"), null, true, Map.of(), "sh");
        try (RuntimeApi.RawStream attached = client.attach(tty, true)) {
            Reader out = new Reader(attached.output());
            attached.input().write("echo attached-$((1+1))\n".getBytes(StandardCharsets.UTF_8));
            attached.input().flush();
            out.await("attached-2", Duration.ofSeconds(10));
        }
    }

    @Test
    void followsLogs() throws Exception {
        try (RuntimeApi.RawStream logs = client.logs(sleeper, false, 2)) {
            Reader out = new Reader(logs.output());
            String first = out.await("line-", Duration.ofSeconds(10));
            int firstLines = first.split("\n").length;
            // followed: more lines keep arriving
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (out.text().split("\n").length < firstLines + 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(out.text().split("\n").length).isGreaterThanOrEqualTo(firstLines + 3);
            assertThat(out.text()).doesNotContain("\u0001\u0000\u0000\u0000");
        }
    }

    @Test
    void reportsTheEnginesErrors() {
        assertThatThrownBy(() -> client.stop("no-such-container-" + System.nanoTime(), 1))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.notFound()).isTrue();
                    assertThat(e.getMessage()).containsIgnoringCase("no such container");
                });
    }

    /** Reads a stream in the background. */
    static final class Reader {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        Reader(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[1024];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
                ended.complete(null);
            });
            t.setDaemon(true);
            t.start();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        String await(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (text().contains(expected)) {
                    return text();
                }
                Thread.sleep(20);
            }
            throw new AssertionError("never read " + expected + "; read: " + text());
        }

        void awaitEnd(Duration timeout) throws Exception {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
