package io.scopecloud.common.kafka;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the report topic when it does not exist yet, with the configured layout. */
public final class ReportTopic {
    private static final Logger LOG = LoggerFactory.getLogger(ReportTopic.class);

    private final KafkaFactory kafka;

    public ReportTopic(KafkaFactory kafka) {
        this.kafka = requireNonNull(kafka, "kafka is null");
    }

    public void ensureExists() {
        try (Admin admin = Admin.create(kafka.adminProperties("scope-cloud-admin"))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (existing.contains(kafka.getReportsTopic())) {
                return;
            }
            NewTopic topic = new NewTopic(
                            kafka.getReportsTopic(), kafka.getReportsPartitions(), kafka.getReplicationFactor())
                    .configs(Map.of(
                            TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(kafka.getRetention().toMilliseconds()),
                            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                            "LogAppendTime",
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            Integer.toString(16 * 1024 * 1024),
                            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                            Integer.toString(kafka.getMinInsyncReplicas())));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            LOG.info(
                    "Created topic {} with {} partitions, replication factor {}, min.insync.replicas {}",
                    kafka.getReportsTopic(),
                    kafka.getReportsPartitions(),
                    kafka.getReplicationFactor(),
                    kafka.getMinInsyncReplicas());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "could not create topic " + kafka.getReportsTopic() + ": "
                                + e.getCause().getMessage() + " (is Kafka reachable at " + kafka.getBootstrapServers()
                                + "?)",
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not answer at " + kafka.getBootstrapServers()
                            + " within 30 s: check kafka.bootstrapServers",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + kafka.getReportsTopic(), e);
        }
    }
}
