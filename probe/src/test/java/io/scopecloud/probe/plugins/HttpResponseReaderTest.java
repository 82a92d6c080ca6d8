package io.scopecloud.probe.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpResponseReaderTest {

    @SuppressWarnings("StringConcatToTextBlock") // the CRLF line ends are the point; a text block would hide them
    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of(
                        "content length",
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"Plugins\":1}",
                        200,
                        "{\"Plugins\":1}"),
                Arguments.of(
                        "chunked with extension and trailer",
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5;name=value\r\n{\"a\":\r\n3\r\n1}\n\r\n0\r\nX-Trailer: t\r\n\r\n",
                        200,
                        "{\"a\":1}\n"),
                Arguments.of(
                        "bare LF line ends (Python's http.server uses CRLF, others may not)",
                        "HTTP/1.0 500 Internal Server Error\nContent-Length: 4\n\noops",
                        500,
                        "oops"),
                Arguments.of("no content length: until close", "HTTP/1.0 200 OK\r\nServer: x\r\n\r\n{}", 200, "{}"),
                Arguments.of("no body", "HTTP/1.1 204 No Content\r\n\r\n", 204, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void parsesWholeResponses(String name, String wire, int status, String body) throws IOException {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseReader reader = new HttpResponseReader(1024, "too large");
        if (!reader.feed(bytes, 0, bytes.length)) {
            reader.finish();
        }
        assertThat(reader.response().status()).isEqualTo(status);
        assertThat(new String(reader.response().body(), StandardCharsets.ISO_8859_1))
                .isEqualTo(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void parsesResponsesArrivingOneByteAtATime(String name, String wire, int status, String body) throws IOException {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseReader reader = new HttpResponseReader(1024, "too large");
        boolean done = false;
        for (int i = 0; i < bytes.length && !done; i++) {
            done = reader.feed(bytes, i, 1);
        }
        if (!done) {
            reader.finish();
        }
        assertThat(reader.response().status()).isEqualTo(status);
        assertThat(new String(reader.response().body(), StandardCharsets.ISO_8859_1))
                .isEqualTo(body);
    }

    @Test
    void exposesHeadersInLowerCase() throws IOException {
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseReader reader = new HttpResponseReader(1024, "too large");
        assertThat(reader.feed(bytes, 0, bytes.length)).isTrue();
        assertThat(reader.response().header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(reader.response().statusText()).isEqualTo("200 OK");
    }

    @Test
    void refusesADeclaredLengthOverTheLimit() {
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseReader reader = new HttpResponseReader(1024, "response must be shorter than 50MB");
        assertThatThrownBy(() -> reader.feed(bytes, 0, bytes.length))
                .isInstanceOf(IOException.class)
                .hasMessage("response must be shorter than 50MB");
    }

    @Test
    void refusesChunkedAndUnframedBodiesOverTheLimit() {
        String big = "x".repeat(600);
        byte[] chunked = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + big + "\r\n258\r\n" + big
                        + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new HttpResponseReader(1024, "too large").feed(chunked, 0, chunked.length))
                .hasMessage("too large");
        byte[] unframed = ("HTTP/1.0 200 OK\r\n\r\n" + big + big).getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new HttpResponseReader(1024, "too large").feed(unframed, 0, unframed.length))
                .hasMessage("too large");
    }

    @Test
    void failsOnATruncatedResponse() throws IOException {
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseReader reader = new HttpResponseReader(1024, "too large");
        assertThat(reader.feed(bytes, 0, bytes.length)).isFalse();
        assertThatThrownBy(reader::finish).isInstanceOf(IOException.class);
    }

    @Test
    void failsOnGarbage() {
        byte[] bytes = "SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new HttpResponseReader(1024, "x").feed(bytes, 0, bytes.length))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed HTTP status line");
    }

    @Test
    void failsOnAHeadWithoutAStatusLine() {
        byte[] bytes = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new HttpResponseReader(1024, "x").feed(bytes, 0, bytes.length))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed HTTP status line");
    }

    @Test
    void encodesRequestsAsScopesProbeDoes() {
        String get = new String(
                UnixHttpRequest.get("/report?api_version=1&probe_id=60a4c0caa413a3ff")
                        .encode("Scope_Probe/1"),
                StandardCharsets.ISO_8859_1);
        assertThat(get)
                .startsWith("GET /report?api_version=1&probe_id=60a4c0caa413a3ff HTTP/1.1\r\nHost: plugin\r\n")
                .endsWith("\r\n\r\n")
                .doesNotContain("Content-Length");
        String post = new String(
                UnixHttpRequest.postJson("/control?api_version=1&probe_id=x", "{}".getBytes(StandardCharsets.UTF_8))
                        .encode("Scope_Probe/1"),
                StandardCharsets.ISO_8859_1);
        assertThat(post)
                .contains("Content-Type: application/json\r\n", "Content-Length: 2\r\n")
                .endsWith("\r\n\r\n{}");
    }
}
