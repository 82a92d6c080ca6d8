package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guard through a real Jetty and Jersey ({@link OpsTestApp}, {@code ops-test.yml}: the
 * default 1 KiB/s and no {@code minRequestDataPerSecond}), with a client on a raw socket that
 * sends its body in parts.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SlowBodyGuardTest {
    private static final DropwizardAppExtension<OpsTestConfiguration> APP =
            new DropwizardAppExtension<>(OpsTestApp.class, ResourceHelpers.resourceFilePath("ops-test.yml"));

    static final String BODY = "{\"name\":\"a token for a probe\"}";

    @Test
    void aSmallBodyReadWithAPauseOnTheServerIsAnswered() throws Exception {
        // Jetty's minRequestDataPerSecond answers this 408 (JettyDataRateTest)
        assertThat(post(APP.getLocalPort(), "/pausing-reader/300", BODY, 0))
                .startsWith("HTTP/1.1 200")
                .endsWith("\n" + BODY.length());
    }

    @Test
    void aClientThatPausesWithinTheGraceIsAnswered() throws Exception {
        assertThat(post(APP.getLocalPort(), "/pausing-reader/0", BODY, 500))
                .startsWith("HTTP/1.1 200")
                .endsWith("\n" + BODY.length());
    }

    @Test
    void aBodyTricklingInIsAnswered408() throws Exception {
        String answer = trickle(APP.getLocalPort(), "/pausing-reader/0");

        assertThat(answer)
                .startsWith("HTTP/1.1 408")
                .contains("Request body slower than 1024 B/s: send the request again, at a steady pace");
    }

    @Test
    void aJsonBodyTricklingInIsAnswered408() throws Exception {
        assertThat(trickle(APP.getLocalPort(), "/json-reader")).startsWith("HTTP/1.1 408");
    }

    /**
     * Sends {@code body} in two parts, {@code pauseMillis} apart; answers the whole response, or
     * what happened instead.
     */
    static String post(int port, String path, String body, long pauseMillis) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(path, body.length()).getBytes(StandardCharsets.US_ASCII));
            out.write(body.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(pauseMillis);
            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    /** A body of 1,000 bytes sent a byte every 200 ms: the answer's status line and body. */
    static String trickle(int port, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write((head(path, 1_000) + "{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    String status = in.readLine();
                    if (status == null) {
                        return "closed without an answer";
                    }
                    StringBuilder answer = new StringBuilder(status);
                    socket.setSoTimeout(5_000);
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        answer.append('\n').append(line);
                    }
                    return answer.toString();
                } catch (SocketTimeoutException e) {
                    try {
                        out.write(' ');
                        out.flush();
                    } catch (IOException closed) {
                        return "closed without an answer";
                    }
                }
            }
            return "still waiting after 20 s";
        }
    }

    private static String head(String path, int length) {
        return "POST " + path
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }
}
