package io.scopecloud.probe.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeldOpenTextTest {
    private static final byte[] YAML = "kind: \"Pod\"\nmetadata:\n  name: \"café\"\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void givesTheTextThenWaitsUntilClosed() throws Exception {
        HeldOpenText text = new HeldOpenText(YAML);
        assertThat(text.available()).isEqualTo(YAML.length);
        byte[] buffer = new byte[1024];
        int n = text.read(buffer, 0, buffer.length);
        assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8))
                .isEqualTo("kind: \"Pod\"\nmetadata:\n  name: \"café\"\n");
        assertThat(text.available()).isZero();

        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> read(text, buffer));
        Thread.sleep(200);
        assertThat(next).isNotDone();
        text.close();
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(text.read()).isEqualTo(-1);
    }

    @Test
    void readsByteByByteAndZeroLengthReadsDoNotWait() throws Exception {
        HeldOpenText text = new HeldOpenText(new byte[] {'a'});
        assertThat(text.read(new byte[0], 0, 0)).isZero();
        assertThat(text.read()).isEqualTo('a');
        assertThat(text.read(new byte[4], 0, 0)).isZero();
        text.close();
        assertThat(text.read()).isEqualTo(-1);
    }

    private static int read(HeldOpenText text, byte[] buffer) {
        try {
            return text.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
