package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.scopecloud.testing.RawHttp;
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

    /** Sends {@code body} in two parts, {@code pauseMillis} apart: the whole answer, or what happened instead. */
    static String post(int port, String path, String body, long pauseMillis) throws Exception {
        return RawHttp.sendWithPause(
                port,
                head(path, body.length()),
                body.getBytes(StandardCharsets.US_ASCII),
                10,
                Duration.ofMillis(pauseMillis));
    }

    /** A body of 1,000 bytes sent a byte every 200 ms: the answer's status line and body. */
    static String trickle(int port, String path) throws Exception {
        return RawHttp.trickle(port, head(path, 1_000) + "{", Duration.ofMillis(200), Duration.ofSeconds(20));
    }

    private static String head(String path, int length) {
        return "POST " + path
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }
}
