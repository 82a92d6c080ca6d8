package io.scopecloud.query.balance;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partition weights as they travel in a subscription's or an assignment's user data: a version,
 * a count, then each partition's topic, number and bytes a second. Unreadable data (another
 * version, a truncated buffer) reads as no weights, which only makes its sender's partitions look
 * light for one round.
 */
final class LoadCodec {
    private static final Logger LOG = LoggerFactory.getLogger(LoadCodec.class);
    private static final short VERSION = 1;
    private static final int MAX_ENTRIES = 100_000;

    private LoadCodec() {}

    static ByteBuffer encode(Map<TopicPartition, Double> rates) {
        int size = 2 + 4;
        for (TopicPartition tp : rates.keySet()) {
            size += 2 + tp.topic().getBytes(StandardCharsets.UTF_8).length + 4 + 8;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putInt(rates.size());
        rates.forEach((tp, rate) -> {
            byte[] topic = tp.topic().getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) topic.length)
                    .put(topic)
                    .putInt(tp.partition())
                    .putDouble(rate);
        });
        return buffer.flip();
    }

    static Map<TopicPartition, Double> decode(ByteBuffer data) {
        Map<TopicPartition, Double> rates = new HashMap<>();
        if (data == null || !data.hasRemaining()) {
            return rates;
        }
        ByteBuffer in = data.duplicate();
        try {
            short version = in.getShort();
            int count = in.getInt();
            if (version != VERSION || count < 0 || count > MAX_ENTRIES) {
                LOG.warn("Ignoring partition weights of version {} ({} entries)", version, count);
                return Map.of();
            }
            for (int i = 0; i < count; i++) {
                byte[] topic = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(topic);
                int partition = in.getInt();
                double rate = in.getDouble();
                if (Double.isFinite(rate) && rate >= 0) {
                    rates.put(new TopicPartition(new String(topic, StandardCharsets.UTF_8), partition), rate);
                }
            }
            return rates;
        } catch (BufferUnderflowException e) {
            LOG.warn("Ignoring truncated partition weights");
            return Map.of();
        }
    }
}
