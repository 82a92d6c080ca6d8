package io.scopecloud.query.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LoadCodecTest {
    @Test
    void weightsTravelWhole() {
        Map<TopicPartition, Weight> rates = Map.of(
                new TopicPartition("scope.reports", 3),
                new Weight(1234.5, "4b9a3c1e-0000-4000-8000-000000000001", 1000.25),
                new TopicPartition("é", 0),
                Weight.NONE);
        ByteBuffer data = LoadCodec.encode(rates);
        assertThat(LoadCodec.decode(data)).isEqualTo(rates);
        assertThat(LoadCodec.decode(data))
                .as("decoding leaves the buffer as it was")
                .isEqualTo(rates);
    }

    @Test
    void unreadableWeightsReadAsNone() {
        assertThat(LoadCodec.decode(null)).isEmpty();
        assertThat(LoadCodec.decode(ByteBuffer.allocate(0))).isEmpty();
        assertThat(LoadCodec.decode(ByteBuffer.wrap(new byte[] {0, 9, 0, 0, 0, 1})))
                .isEmpty();
        ByteBuffer whole = LoadCodec.encode(Map.of(new TopicPartition("t", 1), new Weight(5, "o", 5)));
        assertThat(LoadCodec.decode(whole.limit(whole.limit() - 3))).isEmpty();
        assertThat(LoadCodec.decode(ByteBuffer.wrap(new byte[] {0, 1, 0x7f, 0, 0, 0})))
                .isEmpty();
    }
}
