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
 * a count, then each partition's topic, number and bytes a second, and its biggest org's id and
 * bytes a second. Unreadable data (another
 * version, a truncated buffer) reads as no weights, which only makes its sender's partitions look
 * light for one round.
 */
final class LoadCodec {
    private static final Logger LOG = LoggerFactory.getLogger(LoadCodec.class);
    private static final short VERSION = 1;
    private static final int MAX_ENTRIES = 100_000;

    private LoadCodec() {}

    static ByteBuffer encode(Map<TopicPartition, Weight> weights) {
        int size = 2 + 4;
        for (Map.Entry<TopicPartition, Weight> e : weights.entrySet()) {
            size += 2
                    + utf8(e.getKey().topic()).length
                    + 4
                    + 8
                    + 2
                    + utf8(e.getValue().topOrg()).length
                    + 8;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putInt(weights.size());
        weights.forEach((tp, w) -> {
            byte[] topic = utf8(tp.topic());
            byte[] org = utf8(w.topOrg());
            buffer.putShort((short) topic.length)
                    .put(topic)
                    .putInt(tp.partition())
                    .putDouble(w.total());
            buffer.putShort((short) org.length).put(org).putDouble(w.topRate());
        });
        return buffer.flip();
    }

    static Map<TopicPartition, Weight> decode(ByteBuffer data) {
        Map<TopicPartition, Weight> weights = new HashMap<>();
        if (data == null || !data.hasRemaining()) {
            return weights;
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
                String topic = string(in);
                int partition = in.getInt();
                double total = in.getDouble();
                String org = string(in);
                double topRate = in.getDouble();
                if (Double.isFinite(total) && total >= 0 && Double.isFinite(topRate) && topRate >= 0) {
                    weights.put(new TopicPartition(topic, partition), new Weight(total, org, topRate));
                }
            }
            return weights;
        } catch (BufferUnderflowException e) {
            LOG.warn("Ignoring truncated partition weights");
            return Map.of();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
