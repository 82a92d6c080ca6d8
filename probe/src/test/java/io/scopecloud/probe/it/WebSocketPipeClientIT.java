package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.probe.pipe.PipeEnd;
import io.scopecloud.probe.pipe.WebSocketPipeClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipes over a real websocket to a fake app (Jetty 12) playing the service and the UI. */
class WebSocketPipeClientIT {
    private FakeScopeApp app;
    private WebSocketPipeClient pipes;

    /** A local end whose output the test writes and whose input it reads. */
    static final class TestEnd implements PipeEnd {
        final PipedOutputStream toUi = new PipedOutputStream();
        final InputStream output;
        final ByteArrayOutputStream fromUi = new ByteArrayOutputStream();
        final CountDownLatch closed = new CountDownLatch(1);

        TestEnd() throws IOException {
            output = new PipedInputStream(toUi, 64 * 1024);
        }

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public synchronized void write(byte[] data, int offset, int length) {
            fromUi.write(data, offset, length);
        }

        synchronized String input() {
            return fromUi.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            closed.countDown();
            try {
                toUi.close();
            } catch (IOException e) {
                // closed
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        app = new FakeScopeApp("pipe-token");
        pipes = new WebSocketPipeClient(
                HttpClient.newHttpClient(), app.url(), new ProbeIdentity("pipe-token", "a1b2", "test"));
    }

    @AfterEach
    void stop() throws Exception {
        pipes.closeAll();
        app.stop();
    }

    @Test
    void relaysBothWaysInFramesOfAtMostOneKibibyte() throws Exception {
        TestEnd end = new TestEnd();
        CountDownLatch onClose = new CountDownLatch(1);
        String id = pipes.open("app-1", end, onClose::countDown);
        assertThat(id).matches("pipe-\\d+");

        FakeScopeApp.PipeConnection ui = app.pipe(id);
        String big = "x".repeat(5000) + "END";
        end.toUi.write(big.getBytes(StandardCharsets.UTF_8));
        end.toUi.flush();
        ui.awaitOutput("END", Duration.ofSeconds(10));
        assertThat(ui.output()).isEqualTo(big);
        assertThat(ui.frameSizes).allSatisfy(size -> assertThat(size).isBetween(1, 1024));

        ui.type("ls -l\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!end.input().equals("ls -l\n") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(end.input()).isEqualTo("ls -l\n");

        // the local end finishing closes the pipe, on the service too
        end.toUi.close();
        assertThat(onClose.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(app.deletedPipes.poll(5, TimeUnit.SECONDS)).isEqualTo(id);
        assertThat(ui.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(pipes.openPipes()).isZero();
    }

    @Test
    void aPipeTheServiceClosedEndsTheLocalEnd() throws Exception {
        TestEnd end = new TestEnd();
        String id = pipes.open("app-1", end, () -> {});
        FakeScopeApp.PipeConnection ui = app.pipe(id);

        // the UI closed the pipe: the service forgets it and drops the probe's connection
        app.deletedPipes.add(id);
        ui.session.close();

        assertThat(end.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pipes.openPipes()).isZero();
    }

    @Test
    void closingAPipeFromTheProbeClosesItsEnd() throws Exception {
        TestEnd end = new TestEnd();
        String id = pipes.open("app-1", end, () -> {});
        app.pipe(id);
        pipes.close(id);
        assertThat(end.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(app.deletedPipes.poll(5, TimeUnit.SECONDS)).isEqualTo(id);
    }
}
