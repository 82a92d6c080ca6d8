package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.ReportDecodeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time travel (Scope's {@code timestamp=}): an org's window as it was at an instant older than the
 * live window, rebuilt from the reports topic, which is kept long enough for it (DESIGN.md). A
 * short-lived consumer reads the org's partition from {@code instant - window} up to the instant,
 * keeping the org's records only. Rebuilt windows are cached by (org, second), a few at a time:
 * a time-travelling websocket asks for a new instant every tick. At most {@link #CONCURRENT_READS}
 * read at once; a request that cannot get a turn within {@link #WAIT_FOR_TURN} gets 503, so that
 * people travelling in time cannot starve the instance of Kafka connections and threads. One org
 * holds at most {@link #CONCURRENT_READS_PER_ORG} of them; a further read of that org gets 429 at
 * once, so that one org's many readers cannot slow every other org's time travel.
 */
public final class HistoricWindows {
    private static final Logger LOG = LoggerFactory.getLogger(HistoricWindows.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);
    private static final AtomicLong READERS = new AtomicLong();
    static final int CONCURRENT_READS = 4;
    /** Turns one org may hold at once: fewer than all, so that another org always gets one. */
    static final int CONCURRENT_READS_PER_ORG = 2;

    private static final Duration WAIT_FOR_TURN = Duration.ofSeconds(5);

    private record Key(UUID org, Instant second) {}

    private final KafkaFactory kafka;
    private final Duration window;
    private final Clock clock;
    private final Cache<Key, OrgSnapshot> cache = Caffeine.newBuilder()
            .maximumSize(16)
            .expireAfterAccess(Duration.ofMinutes(1))
            .build();

    private final Semaphore turns;
    /** Per org that travelled in time; a few bytes each, as many as such orgs. */
    private final ConcurrentHashMap<UUID, Semaphore> orgTurns = new ConcurrentHashMap<>();

    private final Duration waitForTurn;

    public HistoricWindows(KafkaFactory kafka, Duration window, Clock clock) {
        this(kafka, window, clock, new Semaphore(CONCURRENT_READS), WAIT_FOR_TURN);
    }

    HistoricWindows(KafkaFactory kafka, Duration window, Clock clock, Semaphore turns, Duration waitForTurn) {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.window = requireNonNull(window, "window is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.turns = requireNonNull(turns, "turns is null");
        this.waitForTurn = requireNonNull(waitForTurn, "waitForTurn is null");
    }

    /** Whether {@code instant} is before the live window, so that only the topic has it. */
    public boolean isHistoric(Instant instant) {
        return instant.isBefore(clock.instant().minus(window));
    }

    /** The live snapshot, or the one at {@code timestamp} when that is older than the live window. */
    public OrgSnapshot snapshot(OrgWindows live, UUID org, Optional<Instant> timestamp) {
        timestamp.ifPresent(this::checkServable);
        return timestamp.filter(this::isHistoric).map(t -> at(org, t)).orElseGet(() -> live.snapshot(org));
    }

    /**
     * Refuses an instant older than the topic's retention ({@code kafka.retention}): its reports are gone, and an
     * instant whose window starts before 1970 is one Kafka cannot even look up.
     */
    public void checkServable(Instant instant) {
        Instant kept = clock.instant().minus(kafka.getRetention().toJavaDuration());
        Instant lookable = Instant.EPOCH.plus(window);
        Instant earliest = kept.isAfter(lookable) ? kept : lookable;
        if (instant.isBefore(earliest)) {
            throw new UnservableTimestampException("timestamp " + instant + " is older than the reports kept ("
                    + kafka.getRetention() + "): choose one after "
                    + earliest.truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /** The org's merged view at {@code instant} (to the second), rendered as of that instant. */
    public OrgSnapshot at(UUID org, Instant instant) {
        Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
        return cache.get(new Key(org, second), k -> readInTurn(org, second));
    }

    private OrgSnapshot readInTurn(UUID org, Instant instant) {
        Semaphore mine = orgTurns(org);
        if (!mine.tryAcquire()) {
            throw new OrgHistoryBusyException(CONCURRENT_READS_PER_ORG);
        }
        try {
            return readInGlobalTurn(org, instant);
        } finally {
            mine.release();
        }
    }

    /** The org's own turns (tests take them to stand for reads in progress). */
    Semaphore orgTurns(UUID org) {
        return orgTurns.computeIfAbsent(org, k -> new Semaphore(CONCURRENT_READS_PER_ORG));
    }

    private OrgSnapshot readInGlobalTurn(UUID org, Instant instant) {
        try {
            if (!turns.tryAcquire(waitForTurn.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HistoryBusyException(CONCURRENT_READS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryBusyException(CONCURRENT_READS);
        }
        try {
            return read(org, instant);
        } finally {
            turns.release();
        }
    }

    private OrgSnapshot read(UUID org, Instant instant) {
        OrgWindow w = new OrgWindow(window, Duration.ZERO, instant, nanos -> {});
        String key = org.toString();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                kafka.consumerProperties("scope-query-history-" + READERS.incrementAndGet(), "scope-query-history"))) {
            List<PartitionInfo> partitions = consumer.partitionsFor(kafka.getReportsTopic());
            // The producer's default partitioner, as ingest keys records by org.
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
            TopicPartition tp = new TopicPartition(kafka.getReportsTopic(), partition);
            consumer.assign(List.of(tp));
            OffsetAndTimestamp start = consumer.offsetsForTimes(
                            Map.of(tp, instant.minus(window).toEpochMilli()))
                    .get(tp);
            if (start == null) {
                return w.snapshot(instant);
            }
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.seek(tp, start.offset());
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            boolean past = false;
            while (!past && consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.timestamp() > instant.toEpochMilli()) {
                        past = true;
                        break;
                    }
                    if (key.equals(record.key())) {
                        add(w, record, instant);
                    }
                }
            }
        }
        return w.snapshot(instant);
    }

    private static void add(OrgWindow w, ConsumerRecord<String, byte[]> record, Instant instant) {
        try {
            ReportRecord r = ReportRecord.from(record);
            if (r.receivedAt().isAfter(instant)) {
                return;
            }
            Report report = CompactReportCodec.decode(r.payload());
            w.add(
                    record.partition(),
                    r.probeId(),
                    r.receivedAt(),
                    r.receivedAt(),
                    CompactBytes.of(r.payload()),
                    report);
        } catch (ReportRecord.MalformedRecordException | ReportDecodeException e) {
            LOG.warn("Skipping unreadable report at {}@{}: {}", record.partition(), record.offset(), e.toString());
        }
    }
}
