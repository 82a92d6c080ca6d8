package io.scopecloud.query.owner;

import static java.util.Objects.requireNonNull;

import io.scopecloud.common.kafka.KafkaFactory;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads which query instance consumes each partition of the reports topic: the consumer group's
 * members, named {@code scope-query@<advertised URL>} (docs/adr/0005), and their assignments.
 */
final class OwnerMaps implements Ownership.Reader {
    private final Admin admin;
    private final String groupId;
    private final String topic;
    private volatile int partitions;

    OwnerMaps(KafkaFactory kafka, String groupId) {
        this.admin = Admin.create(kafka.adminProperties("scope-query-ownership"));
        this.groupId = requireNonNull(groupId, "groupId is null");
        this.topic = kafka.getReportsTopic();
    }

    @Override
    public Ownership.OwnerMap read() throws Exception {
        if (partitions == 0) {
            TopicDescription t = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(5, TimeUnit.SECONDS)
                    .get(topic);
            partitions = t.partitions().size();
        }
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                .all()
                .get(5, TimeUnit.SECONDS)
                .get(groupId);
        Map<Integer, URI> owners = new HashMap<>();
        for (MemberDescription m : group.members()) {
            if (!m.clientId().startsWith(Ownership.CLIENT_ID_PREFIX)) {
                continue;
            }
            URI url = URI.create(m.clientId().substring(Ownership.CLIENT_ID_PREFIX.length()));
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                if (tp.topic().equals(topic)) {
                    owners.put(tp.partition(), url);
                }
            }
        }
        return new Ownership.OwnerMap(partitions, owners);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
