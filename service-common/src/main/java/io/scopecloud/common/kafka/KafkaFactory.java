package io.scopecloud.common.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where Kafka is and how the report topic is laid out. Extra client settings (TLS, SASL) go in
 * {@code properties} and are passed to every client unchanged.
 */
public class KafkaFactory {
    @NotEmpty
    @JsonProperty
    private String bootstrapServers = "localhost:9092";

    @NotEmpty
    @JsonProperty
    private String reportsTopic = "scope.reports";

    /** Partitions of the report topic: the most query instances that can share the orgs. */
    @Min(1)
    @Max(10_000)
    @JsonProperty
    private int reportsPartitions = 12;

    @Min(1)
    @Max(7)
    @JsonProperty
    private short replicationFactor = 1;

    /**
     * In-sync replicas that must hold a report before ingest acknowledges it ({@code acks=all}):
     * in production 2 of 3, so one broker may be down without losing or refusing reports.
     */
    @Min(1)
    @Max(7)
    @JsonProperty
    private int minInsyncReplicas = 1;

    /** How long reports are kept: at least the query window; hours allow time travel. */
    @NotNull
    @JsonProperty
    private Duration retention = Duration.hours(6);

    /** How long ingest waits for Kafka to take a report before answering 503. */
    @NotNull
    @JsonProperty
    private Duration sendTimeout = Duration.seconds(10);

    @NotNull
    @JsonProperty
    private Map<String, String> properties = new LinkedHashMap<>();

    public int getMinInsyncReplicas() {
        return minInsyncReplicas;
    }

    public void setMinInsyncReplicas(int minInsyncReplicas) {
        this.minInsyncReplicas = minInsyncReplicas;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getReportsTopic() {
        return reportsTopic;
    }

    public void setReportsTopic(String reportsTopic) {
        this.reportsTopic = reportsTopic;
    }

    public int getReportsPartitions() {
        return reportsPartitions;
    }

    public void setReportsPartitions(int reportsPartitions) {
        this.reportsPartitions = reportsPartitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    public Map<String, Object> adminProperties(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return props;
    }

    /**
     * An idempotent producer that waits for all in-sync replicas, so an acknowledged report is
     * never lost, and gives up within {@code sendTimeout} so ingest can answer 503 in time.
     */
    public Map<String, Object> producerProperties(String clientId) {
        Map<String, Object> props = common(clientId);
        int timeoutMs = (int) sendTimeout.toMilliseconds();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeoutMs, 2_000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(timeoutMs - 10, 1_000));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, 1_000 + 5 + 10));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.putAll(properties);
        return props;
    }

    /**
     * A consumer that never commits: query instances position themselves by time on assignment.
     * Rebalances are cooperative: when an instance joins or leaves, only the partitions that move
     * are revoked, so the others keep their windows instead of all of them being re-read.
     */
    public Map<String, Object> consumerProperties(String clientId, String groupId) {
        Map<String, Object> props = common(clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                List.of(CooperativeStickyAssignor.class.getName()));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.putAll(properties);
        return props;
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
