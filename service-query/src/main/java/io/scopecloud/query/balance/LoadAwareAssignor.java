package io.scopecloud.query.balance;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query group's assignor: places the report topic's partitions by what they weigh
 * ({@link LoadPlan}, docs/adr/0026), cooperatively. Each member sends the rates it measures
 * ({@link PartitionLoads}) with its subscription; the leader plans; a partition that must move is
 * first only taken from its owner, and given to its new owner in the rebalance that the owner's
 * revocation starts, so no partition is ever read by two instances at once. The weights the
 * leader placed a partition by go with it to its new owner.
 *
 * <p>Configured with {@link LoadPlacement#CONFIG} naming this instance's {@link LoadPlacement}.
 * Listed before Kafka's cooperative sticky assignor, so a group in the middle of an upgrade
 * keeps using the sticky one until every member knows this one.
 */
public final class LoadAwareAssignor implements ConsumerPartitionAssignor, Configurable {
    public static final String NAME = "scope-load-aware";
    private static final Logger LOG = LoggerFactory.getLogger(LoadAwareAssignor.class);

    private LoadPlacement placement;

    @Override
    public void configure(Map<String, ?> configs) {
        Object p = configs.get(LoadPlacement.CONFIG);
        if (!(p instanceof LoadPlacement lp)) {
            throw new IllegalArgumentException(LoadAwareAssignor.class.getSimpleName() + " needs "
                    + LoadPlacement.CONFIG + " in the consumer's configs");
        }
        this.placement = lp;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return LoadCodec.encode(placement.sending());
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        LoadCodec.decode(assignment.userData()).forEach(placement.loads()::seed);
        placement.assigned(assignment.partitions());
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
        Map<String, Subscription> subscriptions = new TreeMap<>(group.groupSubscription());
        List<String> members = new ArrayList<>(subscriptions.keySet());
        Map<TopicPartition, String> ownerOf = owners(subscriptions);
        Map<TopicPartition, Weight> weights = weights(subscriptions, ownerOf);
        Map<String, Set<String>> owned = new HashMap<>();
        members.forEach(m -> owned.put(m, new HashSet<>()));
        ownerOf.forEach((tp, m) -> owned.get(m).add(tp.toString()));

        Map<String, TopicPartition> byName = new HashMap<>();
        List<LoadPlan.Part> parts = new ArrayList<>();
        Set<String> topics = new HashSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        for (String topic : sorted(topics)) {
            Integer count = metadata.partitionCountForTopic(topic);
            for (int i = 0; count != null && i < count; i++) {
                TopicPartition tp = new TopicPartition(topic, i);
                byName.put(tp.toString(), tp);
                Weight w = weights.getOrDefault(tp, Weight.NONE);
                parts.add(new LoadPlan.Part(tp.toString(), w.total(), w.topRate()));
            }
        }
        Map<String, Set<String>> plan = placement.plan().plan(members, owned, parts);

        Map<String, Assignment> assignments = new HashMap<>();
        List<String> moves = new ArrayList<>();
        for (String member : members) {
            List<TopicPartition> given = new ArrayList<>();
            Map<TopicPartition, Weight> seeds = new HashMap<>();
            for (String name : plan.getOrDefault(member, Set.of())) {
                TopicPartition tp = byName.get(name);
                String from = ownerOf.get(tp);
                if (from != null && !from.equals(member)) {
                    // revoked by its owner now, given here in the round that the revocation starts
                    moves.add(String.format(
                            "%s (%.0f KiB/s) %s -> %s",
                            tp, weights.getOrDefault(tp, Weight.NONE).total() / 1024, from, member));
                    continue;
                }
                given.add(tp);
                if (from == null) {
                    seeds.put(tp, weights.getOrDefault(tp, Weight.NONE));
                }
            }
            assignments.put(member, new Assignment(given, LoadCodec.encode(seeds)));
        }
        if (!moves.isEmpty()) {
            LOG.info(
                    "Moving {} partition(s) by weight: {} (every partition, KiB/s: {})",
                    moves.size(),
                    String.join(", ", moves),
                    weightsInKiB(parts));
        }
        placement.led(moves.size());
        return new GroupAssignment(assignments);
    }

    /** Who holds each partition now; one claimed twice (a member that missed a round) is the first claimant's. */
    private static Map<TopicPartition, String> owners(Map<String, Subscription> subscriptions) {
        Map<TopicPartition, String> ownerOf = new HashMap<>();
        subscriptions.forEach((member, s) -> s.ownedPartitions().forEach(tp -> ownerOf.putIfAbsent(tp, member)));
        return ownerOf;
    }

    /** Each partition's weight: its owner's measure, or for one no one holds (it is moving) the largest sent. */
    private static Map<TopicPartition, Weight> weights(
            Map<String, Subscription> subscriptions, Map<TopicPartition, String> ownerOf) {
        Map<TopicPartition, Weight> weights = new HashMap<>();
        subscriptions.forEach((member, s) -> LoadCodec.decode(s.userData()).forEach((tp, weight) -> {
            if (member.equals(ownerOf.get(tp))) {
                weights.put(tp, weight);
            } else if (!ownerOf.containsKey(tp)) {
                weights.merge(tp, weight, (a, b) -> a.total() >= b.total() ? a : b);
            }
        }));
        return weights;
    }

    private static String weightsInKiB(List<LoadPlan.Part> parts) {
        StringBuilder s = new StringBuilder();
        for (LoadPlan.Part p : parts) {
            s.append(s.isEmpty() ? "" : ", ")
                    .append(p.name())
                    .append(String.format(" %.0f (biggest org %.0f)", p.load() / 1024, p.largest() / 1024));
        }
        return s.toString();
    }

    private static List<String> sorted(Set<String> topics) {
        List<String> list = new ArrayList<>(topics);
        list.sort(null);
        return list;
    }
}
