package io.scopecloud.query.owner;

import static java.util.Objects.requireNonNull;

import io.scopecloud.common.kafka.KafkaFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which query instance owns an org: the one the consumer group gave the partition of the org's
 * key (Kafka's default partitioner: murmur2 of the org id). Every instance joins the group with
 * {@code client.id = scope-query@<advertised URL>}, so describing the group tells where each
 * partition is served (see docs/adr/0005). The answer is cached for a few seconds and refreshed
 * when the group rebalances; while it is unknown, the org is served locally.
 */
public final class Ownership implements AutoCloseable {
    public static final String CLIENT_ID_PREFIX = "scope-query@";
    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
    private static final Duration TTL = Duration.ofSeconds(5);

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private final Clock clock;
    private volatile @Nullable URI self;
    private volatile Map<Integer, URI> owners = Map.of();
    private volatile int partitions;
    private Instant refreshedAt = Instant.EPOCH;

    public Ownership(KafkaFactory kafka, String groupId, Clock clock) {
        this(Admin.create(kafka.adminProperties("scope-query-ownership")), groupId, kafka.getReportsTopic(), clock);
    }

    Ownership(Admin admin, String groupId, String topic, Clock clock) {
        this.admin = requireNonNull(admin, "admin is null");
        this.groupId = requireNonNull(groupId, "groupId is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** This instance's advertised URL, known once the server listens. */
    public void self(URI url) {
        this.self = requireNonNull(url, "url is null");
    }

    public Optional<URI> self() {
        return Optional.ofNullable(self);
    }

    public static String clientId(URI advertised) {
        return CLIENT_ID_PREFIX + advertised;
    }

    /** Kafka's partition for a record keyed by the org id. */
    public static int partition(UUID org, int partitions) {
        return Utils.toPositive(Utils.murmur2(org.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The other instance that owns {@code org}; empty when it is this one, or not known. */
    public Optional<URI> remoteOwner(UUID org) {
        URI me = self;
        if (me == null) {
            return Optional.empty();
        }
        Map<Integer, URI> current;
        int count;
        synchronized (this) {
            if (clock.instant().isAfter(refreshedAt.plus(TTL))) {
                refresh();
            }
            current = owners;
            count = partitions;
        }
        if (count == 0) {
            return Optional.empty();
        }
        URI owner = current.get(partition(org, count));
        return owner == null || owner.equals(me) ? Optional.empty() : Optional.of(owner);
    }

    /**
     * As {@link #remoteOwner}, from the map as last read, never asking Kafka nor waiting for a refresh under way:
     * for callers that also know this instance holds the org's partition ({@code HeldPartitions}).
     */
    public Optional<URI> lastKnownRemoteOwner(UUID org) {
        URI me = self;
        int count = partitions;
        if (me == null || count == 0) {
            return Optional.empty();
        }
        URI owner = owners.get(partition(org, count));
        return owner == null || owner.equals(me) ? Optional.empty() : Optional.of(owner);
    }

    /** Forget the cached map (after a rebalance, or when an owner did not answer). */
    public synchronized void invalidate() {
        refreshedAt = Instant.EPOCH;
    }

    private void refresh() {
        refreshedAt = clock.instant();
        try {
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
            Map<Integer, URI> map = new HashMap<>();
            for (MemberDescription m : group.members()) {
                if (!m.clientId().startsWith(CLIENT_ID_PREFIX)) {
                    continue;
                }
                URI url = URI.create(m.clientId().substring(CLIENT_ID_PREFIX.length()));
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        map.put(tp.partition(), url);
                    }
                }
            }
            owners = Map.copyOf(map);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Cannot tell which query instance owns which orgs ({}); serving locally", e.toString());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
