package io.scopecloud.query.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The assignor's rounds as the group leader runs them, against Kafka's rules for cooperative assignors. */
class LoadAwareAssignorTest {
    private static final String TOPIC = "scope.reports";
    private static final int PARTITIONS = 12;

    private final LoadPlacement placement = new LoadPlacement(Duration.ofMinutes(1), Duration.ofMinutes(10), 1_000);
    private final LoadAwareAssignor assignor = new LoadAwareAssignor();

    private static TopicPartition p(int n) {
        return new TopicPartition(TOPIC, n);
    }

    private static Cluster cluster() {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            infos.add(new PartitionInfo(TOPIC, i, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("c", List.of(node), infos, Set.of(), Set.of());
    }

    private static Subscription member(List<TopicPartition> owned, Map<TopicPartition, Weight> weights) {
        return new Subscription(List.of(TOPIC), LoadCodec.encode(weights), owned);
    }

    private Map<String, Assignment> round(Map<String, Subscription> members) {
        assignor.configure(Map.of(LoadPlacement.CONFIG, placement));
        return assignor.assign(cluster(), new GroupSubscription(members)).groupAssignment();
    }

    /** Kafka's leader refuses an assignment that gives a member a partition another still owns. */
    private static void assertCooperative(Map<String, Subscription> members, Map<String, Assignment> assignments) {
        for (Map.Entry<String, Assignment> e : assignments.entrySet()) {
            for (TopicPartition tp : e.getValue().partitions()) {
                members.forEach((other, s) -> {
                    if (!other.equals(e.getKey())) {
                        assertThat(s.ownedPartitions())
                                .as("%s given to %s while %s owns it", tp, e.getKey(), other)
                                .doesNotContain(tp);
                    }
                });
            }
        }
    }

    @Test
    void aHeavyPartitionIsIsolatedInTwoRoundsAndItsWeightTravelsWithIt() {
        List<TopicPartition> a = new ArrayList<>();
        List<TopicPartition> b = new ArrayList<>();
        Map<TopicPartition, Weight> aWeights = new HashMap<>();
        Map<TopicPartition, Weight> bWeights = new HashMap<>();
        for (int i = 0; i < PARTITIONS; i++) {
            (i % 2 == 0 ? a : b).add(p(i));
            double rate = i == 0 ? 50_000 : 5_000;
            (i % 2 == 0 ? aWeights : bWeights).put(p(i), new Weight(rate, "org-" + i, rate));
        }
        Map<String, Subscription> first = Map.of("a", member(a, aWeights), "b", member(b, bWeights));
        Map<String, Assignment> one = round(first);
        assertCooperative(first, one);
        assertThat(one.get("a").partitions()).containsExactly(p(0));
        assertThat(one.get("b").partitions()).containsExactlyInAnyOrderElementsOf(b);

        // a gave up p2..p10 and still reports their weights; b is given them in the next round.
        Map<String, Subscription> second = Map.of("a", member(List.of(p(0)), aWeights), "b", member(b, bWeights));
        Map<String, Assignment> two = round(second);
        assertCooperative(second, two);
        assertThat(two.get("a").partitions()).containsExactly(p(0));
        assertThat(two.get("b").partitions()).hasSize(11);
        assertThat(LoadCodec.decode(two.get("b").userData()))
                .as("the weights of the partitions b takes over")
                .containsEntry(p(2), new Weight(5_000, "org-2", 5_000))
                .doesNotContainKey(p(1));
        assertThat(placement.moved()).isEqualTo(5);
    }

    @Test
    void aNewGroupGetsEveryPartitionOnceAndTheLeaderKnowsItLed() {
        Map<String, Subscription> members = Map.of(
                "a", member(List.of(), Map.of()), "b", member(List.of(), Map.of()), "c", member(List.of(), Map.of()));
        Map<String, Assignment> assignments = round(members);
        Set<TopicPartition> all = new HashSet<>();
        assignments.values().forEach(x -> all.addAll(x.partitions()));
        assertThat(all).hasSize(PARTITIONS);
        assignments.values().forEach(x -> assertThat(x.partitions()).hasSize(4));

        assignor.onAssignment(assignments.get("a"), new ConsumerGroupMetadata("g", 3, "a", Optional.empty()));
        assertThat(placement.isLeader()).isTrue();
        assignor.onAssignment(assignments.get("a"), new ConsumerGroupMetadata("g", 4, "a", Optional.empty()));
        assertThat(placement.isLeader()).as("a round another member planned").isFalse();
    }

    @Test
    void unreadableWeightsCountAsNoneAndAMissingPlacementIsAClearError() {
        Map<String, Subscription> members = Map.of(
                "a",
                new Subscription(List.of(TOPIC), ByteBuffer.wrap(new byte[] {1, 2, 3}), List.of(p(0), p(1))),
                "b",
                member(List.of(), Map.of()));
        Map<String, Assignment> assignments = round(members);
        assertCooperative(members, assignments);
        assertThat(assignments.get("a").partitions()).contains(p(0), p(1));

        assertThatThrownBy(() -> new LoadAwareAssignor().configure(Map.of()))
                .hasMessageContaining(LoadPlacement.CONFIG);
    }
}
