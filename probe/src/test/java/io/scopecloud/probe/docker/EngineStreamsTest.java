package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The framing of the engine's streams: chunked bodies, multiplexed output, response heads. */
class EngineStreamsTest {
    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesChunkedBodies() throws IOException {
        assertThat(readAll(new ChunkedInputStream(in("5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n"))))
                .isEqualTo("hello, world");
        assertThat(readAll(new ChunkedInputStream(in("3\nabc\n0\n\n")))).isEqualTo("abc");
    }

    @Test
    void passesOnWhatAChunkHasWithoutWaitingForTheNext() throws IOException {
        ChunkedInputStream chunks = new ChunkedInputStream(in("a\r\n0123456789\r\n"));
        byte[] buffer = new byte[100];
        assertThat(chunks.read(buffer, 0, 100)).isEqualTo(10);
        assertThatThrownBy(() -> chunks.read(buffer, 0, 100)).isInstanceOf(EOFException.class);
    }

    @Test
    void refusesMalformedChunks() {
        assertThatThrownBy(() -> readAll(new ChunkedInputStream(in("zz\r\n"))))
                .hasMessageContaining("malformed chunk size");
        assertThatThrownBy(() -> readAll(new ChunkedInputStream(in("3\r\nabcX\r\n0\r\n\r\n"))))
                .hasMessageContaining("not followed by CRLF");
    }

    private static byte[] frame(int stream, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0});
        out.write(data.length >>> 24);
        out.write(data.length >>> 16);
        out.write(data.length >>> 8);
        out.write(data.length);
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void demultiplexesStdoutAndStderrIntoOneStream() throws IOException {
        ByteArrayOutputStream mux = new ByteArrayOutputStream();
        mux.writeBytes(frame(1, "line-1\n"));
        mux.writeBytes(frame(2, "err-1\n"));
        mux.writeBytes(frame(1, ""));
        mux.writeBytes(frame(1, "line-2\n"));
        assertThat(readAll(new MultiplexedInputStream(new ByteArrayInputStream(mux.toByteArray()))))
                .isEqualTo("line-1\nerr-1\nline-2\n");
    }

    @Test
    void refusesWhatIsNotMultiplexed() {
        assertThatThrownBy(() -> readAll(new MultiplexedInputStream(in("hello, world\n"))))
                .hasMessageContaining("not a multiplexed stream");
        assertThatThrownBy(() -> readAll(new MultiplexedInputStream(new ByteArrayInputStream(frame(1, "abc"), 0, 9))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void readsResponseHeadsAndLeavesTheBody() throws IOException {
        InputStream raw = in("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n\r\n/ # ");
        EngineConnection.Head head = EngineConnection.parseHead(raw);
        assertThat(head.status()).isEqualTo(101);
        assertThat(head.header("Content-Type")).isEqualTo("application/vnd.docker.raw-stream");
        assertThat(readAll(EngineConnection.body(head, raw))).isEqualTo("\r\n/ # ");

        InputStream chunked = in("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertThat(readAll(EngineConnection.body(EngineConnection.parseHead(chunked), chunked)))
                .isEqualTo("{}");
        InputStream sized = in("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnopeEXTRA");
        assertThat(readAll(EngineConnection.body(EngineConnection.parseHead(sized), sized)))
                .isEqualTo("nope");
        assertThatThrownBy(() -> EngineConnection.parseHead(in("SSH-2.0\r\n\r\n")))
                .hasMessageContaining("malformed HTTP status line");
        assertThatThrownBy(() -> EngineConnection.parseHead(in("HTTP/1.1 200 OK\r\n")))
                .isInstanceOf(EOFException.class);
    }
}
