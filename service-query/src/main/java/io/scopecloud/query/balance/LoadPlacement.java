package io.scopecloud.query.balance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;

/**
 * One query instance's part in placing partitions by weight (docs/adr/0026): what it measures
 * ({@link PartitionLoads}), the plan its assignor makes when it leads the group, and when it asks
 * the group to place partitions again. Everything but the counters is used on the consumer's
 * thread, in {@code poll}.
 */
public final class LoadPlacement {
    /** The consumer config key that hands this object to {@link LoadAwareAssignor}. */
    public static final String CONFIG = "scopecloud.query.load.placement";
    /** Drift, as a share of what a member carries, that has the group place partitions again. */
    static final double DRIFT = 0.25;
    /** A member carrying less than this share of {@code minLoad} never asks for a round. */
    static final double QUIET = 0.1;

    private final PartitionLoads loads;
    private final LoadPlan plan;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong moved = new AtomicLong();
    private final double minLoad;
    private Set<TopicPartition> owned = Set.of();
    private Map<TopicPartition, Weight> sent = Map.of();
    private boolean planned;
    private volatile boolean leader;
    private long lastCheckNanos;

    /**
     * @param interval how often this instance compares its weights with those it last sent
     * @param tau how long a partition's weight takes to follow a change of its rate
     * @param minLoad bytes a second in all below which partitions are spread by count
     */
    public LoadPlacement(Duration interval, Duration tau, double minLoad) {
        this(interval, new PartitionLoads(tau), minLoad, System::nanoTime);
    }

    LoadPlacement(Duration interval, PartitionLoads loads, double minLoad, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.loads = loads;
        this.minLoad = minLoad;
        this.plan = new LoadPlan(minLoad);
        this.nanoTime = nanoTime;
        this.lastCheckNanos = nanoTime.getAsLong();
    }

    /** {@code consumerProps} with this instance's assignor first and Kafka's sticky one after it. */
    public Map<String, Object> configure(Map<String, Object> consumerProps) {
        List<String> assignors = new ArrayList<>();
        assignors.add(LoadAwareAssignor.class.getName());
        assignors.add(CooperativeStickyAssignor.class.getName());
        consumerProps.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignors);
        consumerProps.put(CONFIG, this);
        return consumerProps;
    }

    /** Counts a record of {@code org}'s, of {@code bytes}, read from {@code partition}. */
    public void record(TopicPartition partition, String org, long bytes) {
        loads.record(partition, org, bytes);
    }

    PartitionLoads loads() {
        return loads;
    }

    LoadPlan plan() {
        return plan;
    }

    /** This instance's assignor planned the round now ending, moving {@code moving} partitions. */
    void led(int moving) {
        planned = true;
        moved.addAndGet(moving);
    }

    /**
     * A round ended, giving this instance {@code partitions} (their weights already seeded): it
     * leads the group if its assignor planned the round, and what the group now knows of its
     * weights is what they are.
     */
    void assigned(Collection<TopicPartition> partitions) {
        leader = planned;
        planned = false;
        owned = Set.copyOf(partitions);
        sent = held(loads.rates());
    }

    private Map<TopicPartition, Weight> held(Map<TopicPartition, Weight> rates) {
        Map<TopicPartition, Weight> mine = new HashMap<>(rates);
        mine.keySet().retainAll(owned);
        return mine;
    }

    /**
     * The weights this instance sends with its subscription: those of the partitions it holds, to
     * tell when they drift, and of those it gave up, which the leader places by while they move.
     */
    Map<TopicPartition, Weight> sending() {
        Map<TopicPartition, Weight> rates = loads.rates();
        sent = held(rates);
        return rates;
    }

    /**
     * True, at most once per {@code interval}, when the weights of the partitions this instance
     * holds have moved by more than {@value #DRIFT} of what the group last knew of them (by the sum of each partition's
     * change): time for the group to place its partitions again. Members whose weights hold still
     * start no rounds, so a steady group is never rebalanced; membership changes start their own.
     */
    public boolean placeAgain() {
        long now = nanoTime.getAsLong();
        if (now - lastCheckNanos < intervalNanos) {
            return false;
        }
        lastCheckNanos = now;
        Map<TopicPartition, Weight> current = held(loads.rates());
        double before = sent.values().stream().mapToDouble(Weight::total).sum();
        double after = current.values().stream().mapToDouble(Weight::total).sum();
        double scale = Math.max(before, after);
        if (scale < minLoad * QUIET) {
            return false;
        }
        double change = 0;
        for (Map.Entry<TopicPartition, Weight> e : current.entrySet()) {
            change += Math.abs(e.getValue().total()
                    - sent.getOrDefault(e.getKey(), Weight.NONE).total());
        }
        for (Map.Entry<TopicPartition, Weight> e : sent.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                change += e.getValue().total();
            }
        }
        return change > DRIFT * scale;
    }

    /** Whether this instance led the group's last round. */
    public boolean isLeader() {
        return leader;
    }

    /** Partitions this instance, as leader, has taken from one member to give to another (by weight or count). */
    public long moved() {
        return moved.get();
    }
}
