package io.scopecloud.query.owner;

import static java.util.Objects.requireNonNull;

import io.scopecloud.common.kafka.KafkaFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which query instance owns an org: the one the consumer group gave the partition of the org's
 * key (Kafka's default partitioner: murmur2 of the org id). Every instance joins the group with
 * {@code client.id = scope-query@<advertised URL>}, so describing the group tells where each
 * partition is served (see docs/adr/0005). The map is cached for a few seconds. An expired map is
 * still answered while a background thread reads the next one, so no request waits for Kafka's
 * admin calls every few seconds; the first map, and the next after {@link #invalidate} (a
 * rebalance, an owner that did not answer), are waited for. While it is unknown, the org is served
 * locally.
 */
public final class Ownership implements AutoCloseable {
    public static final String CLIENT_ID_PREFIX = "scope-query@";
    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
    private static final Duration TTL = Duration.ofSeconds(5);

    /** Longer than the admin calls' own 5 s bounds: a caller never waits past a read's end. */
    private static final Duration WAIT_FOR_READ = Duration.ofSeconds(11);

    private final Reader reader;
    private final Clock clock;
    private final Executor reads;
    private final @Nullable ExecutorService ownReads;
    private volatile @Nullable URI self;
    private volatile OwnerMap map = new OwnerMap(0, Map.of());
    // guarded by this
    private Instant readAt = Instant.EPOCH;
    private boolean mustWait = true;
    private @Nullable CompletableFuture<Void> reading;

    /** Where each partition is consumed: how many the topic has, and which instance holds each. */
    record OwnerMap(int partitions, Map<Integer, URI> owners) {
        OwnerMap {
            owners = Map.copyOf(owners);
        }
    }

    /** Reads the current {@link OwnerMap} (from Kafka: {@link OwnerMaps}). */
    interface Reader extends AutoCloseable {
        OwnerMap read() throws Exception;

        @Override
        void close();
    }

    public Ownership(KafkaFactory kafka, String groupId, Clock clock) {
        this(new OwnerMaps(kafka, groupId), clock, null, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scope-query-ownership");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Reads maps on {@code reads} (tests pass their own executor). */
    Ownership(Reader reader, Clock clock, Executor reads) {
        this(reader, clock, reads, null);
    }

    private Ownership(Reader reader, Clock clock, @Nullable Executor reads, @Nullable ExecutorService ownReads) {
        this.reader = requireNonNull(reader, "reader is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ownReads = ownReads;
        this.reads = reads != null ? reads : requireNonNull(ownReads, "reads is null");
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
        awaitIfUnknown(readIfExpired());
        return owner(org, me, map);
    }

    private static Optional<URI> owner(UUID org, URI me, OwnerMap current) {
        if (current.partitions() == 0) {
            return Optional.empty();
        }
        URI owner = current.owners().get(partition(org, current.partitions()));
        return owner == null || owner.equals(me) ? Optional.empty() : Optional.of(owner);
    }

    /**
     * As {@link #remoteOwner}, from the map as last read, never asking Kafka nor waiting for a refresh under way:
     * for callers that also know this instance holds the org's partition ({@code HeldPartitions}).
     */
    public Optional<URI> lastKnownRemoteOwner(UUID org) {
        URI me = self;
        return me == null ? Optional.empty() : owner(org, me, map);
    }

    /** Forget the cached map (after a rebalance, or when an owner did not answer): the next caller waits for a new one. */
    public synchronized void invalidate() {
        readAt = Instant.EPOCH;
        mustWait = true;
    }

    /** Starts a read when the map expired (one at a time); returns it when the caller must wait for it. */
    private synchronized @Nullable CompletableFuture<Void> readIfExpired() {
        boolean wait = mustWait;
        if (reading == null && (wait || clock.instant().isAfter(readAt.plus(TTL)))) {
            readAt = clock.instant();
            mustWait = false;
            CompletableFuture<Void> read = new CompletableFuture<>();
            reading = read;
            try {
                reads.execute(() -> {
                    try {
                        read();
                    } finally {
                        readDone();
                        read.complete(null);
                    }
                });
            } catch (RuntimeException closed) {
                reading = null;
                read.complete(null);
            }
            return wait ? read : null;
        }
        return wait ? reading : null;
    }

    private synchronized void readDone() {
        reading = null;
    }

    private static void awaitIfUnknown(@Nullable CompletableFuture<Void> read) {
        if (read == null) {
            return;
        }
        try {
            read.get(WAIT_FOR_READ.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the read logs its own failure; the org is served locally meanwhile
        }
    }

    private void read() {
        try {
            map = reader.read();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Cannot tell which query instance owns which orgs ({}); serving locally", e.toString());
        }
    }

    @Override
    public void close() {
        if (ownReads != null) {
            ownReads.shutdownNow();
        }
        reader.close();
    }
}
