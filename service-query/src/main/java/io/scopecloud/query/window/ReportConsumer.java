package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.query.balance.LoadPlacement;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.ReportDecodeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link OrgWindows} from the report topic. One consumer, one thread. On assignment it seeks
 * each partition to {@code now - window}, so a restart or rebalance rebuilds every owned org's
 * view from Kafka; offsets are never committed. A record it cannot read is logged and skipped so
 * the partition keeps moving; an authorization failure is fatal and shows in the health check.
 */
public final class ReportConsumer implements Managed, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final OrgWindows windows;
    private final Clock clock;
    private final Thread thread;
    private final Runnable onRebalance;
    private volatile boolean running;
    private volatile @Nullable Throwable fatal;
    private final HeldPartitions held;
    private volatile boolean assigned;
    /** Consumer thread only: where each assigned partition's end was when it was assigned. */
    private final Map<TopicPartition, Long> rebuildTargets = new HashMap<>();

    private final @Nullable LoadPlacement placement;

    /**
     * @param clientId names this instance in the group; {@link io.scopecloud.query.owner.Ownership}
     *     reads owners' URLs from it
     * @param onRebalance told whenever this instance's partitions change
     * @param placement places partitions by weight (docs/adr/0026); null: by count
     */
    public ReportConsumer(
            KafkaFactory kafka,
            String groupId,
            String clientId,
            OrgWindows windows,
            HeldPartitions held,
            Clock clock,
            Runnable onRebalance,
            @Nullable LoadPlacement placement) {
        this(
                new KafkaConsumer<>(
                        placement == null
                                ? kafka.consumerProperties(clientId, groupId)
                                : placement.configure(kafka.consumerProperties(clientId, groupId))),
                kafka.getReportsTopic(),
                windows,
                held,
                clock,
                onRebalance,
                placement);
    }

    ReportConsumer(
            Consumer<String, byte[]> consumer,
            String topic,
            OrgWindows windows,
            HeldPartitions held,
            Clock clock,
            Runnable onRebalance,
            @Nullable LoadPlacement placement) {
        this.placement = placement;
        this.held = requireNonNull(held, "held is null");
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.windows = requireNonNull(windows, "windows is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.onRebalance = requireNonNull(onRebalance, "onRebalance is null");
        this.thread = new Thread(this, "query-report-consumer");
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    /** Why the consumer stopped for good, if it did. */
    public Optional<Throwable> fatalError() {
        return Optional.ofNullable(fatal);
    }

    /** Whether the group has given this instance its partitions at least once. */
    public boolean isAssigned() {
        return assigned;
    }

    /**
     * Whether this instance holds the whole window of every partition it was given: it has read
     * each up to where the partition ended when it was assigned, so it answers for its orgs with
     * everything the window holds, not a part.
     */
    public boolean isRebuilt() {
        return assigned && held.allRebuilt();
    }

    /** Kafka's client metrics in {@code registry}: fetch rates and each partition's lag. */
    public AutoCloseable bindMetrics(MeterRegistry registry) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        return metrics;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            Instant nextSweep = clock.instant().plus(SWEEP_EVERY);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
                if (!rebuildTargets.isEmpty()) {
                    checkRebuilt();
                }
                if (placement != null && placement.placeAgain()) {
                    consumer.enforceRebalance("the partitions' weights moved: placing them again");
                }
                if (clock.instant().isAfter(nextSweep)) {
                    windows.sweep();
                    nextSweep = clock.instant().plus(SWEEP_EVERY);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fatal = e;
            }
        } catch (AuthorizationException e) {
            fatal = e;
            LOG.error("Not authorised to read {}: the query service stops consuming", topic, e);
        } catch (RuntimeException e) {
            fatal = e;
            LOG.error("Report consumer failed", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (placement != null) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (!rebuildTargets.containsKey(tp)) { // a window read back is history its seeded weight holds
                placement.record(tp, String.valueOf(record.key()), record.serializedValueSize());
            }
        }
        try {
            ReportRecord r = ReportRecord.from(record);
            Report report = CompactReportCodec.decode(r.payload());
            windows.add(
                    r.orgId(),
                    record.partition(),
                    r.probeId(),
                    r.receivedAt(),
                    r.payload(),
                    r.shortcut() ? report.withShortcut(true) : report);
        } catch (ReportRecord.MalformedRecordException | ReportDecodeException e) {
            LOG.warn(
                    "Skipping unreadable report at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    private void checkRebuilt() {
        for (Iterator<Map.Entry<TopicPartition, Long>> i =
                        rebuildTargets.entrySet().iterator();
                i.hasNext(); ) {
            Map.Entry<TopicPartition, Long> target = i.next();
            try {
                if (consumer.position(target.getKey(), POSITION_TIMEOUT) >= target.getValue()) {
                    held.rebuilt(target.getKey().partition());
                    i.remove();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                return; // asked again after the next poll
            }
        }
        if (rebuildTargets.isEmpty()) {
            LOG.info("Windows rebuilt: this instance answers for its partitions of {}", topic);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                assigned = true;
                onRebalance.run();
                return;
            }
            long since = clock.instant().minus(windows.window()).toEpochMilli();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, since));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = offsets.get(p);
                if (at == null) {
                    consumer.seekToEnd(List.of(p));
                } else {
                    consumer.seek(p, at.offset());
                }
            }
            rebuildTargets.putAll(consumer.endOffsets(partitions));
            held.assigned(
                    partitions.stream().map(TopicPartition::partition).toList(),
                    consumer.partitionsFor(topic).size());
            assigned = true;
            onRebalance.run();
            LOG.info("Rebuilding the last {} of {} partition(s) of {}", windows.window(), partitions.size(), topic);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(rebuildTargets::remove);
            List<Integer> numbers =
                    partitions.stream().map(TopicPartition::partition).toList();
            held.revoked(numbers);
            windows.dropPartitions(numbers);
            onRebalance.run();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
