package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;

/**
 * Produces accepted reports to the report topic with an idempotent, {@code acks=all} producer; the
 * returned stage completes only when Kafka has acknowledged the record.
 *
 * <p>The stage completes on {@code acks}, never on the producer's network thread: what follows an
 * acknowledgement (answering the probe's HTTP request) would otherwise run on the one thread that
 * sends every record, and under load records would wait behind answers until they expire.
 */
public final class KafkaReportSink implements ReportSink, Managed {
    /** One daemon thread for the readiness check's metadata look-ups, shared by every sink. */
    private static final Executor METADATA_LOOKUPS = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ingest-kafka-metadata");
        thread.setDaemon(true);
        return thread;
    });

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Executor acks;
    private volatile boolean hasMetadata;
    private volatile @Nullable CompletableFuture<Void> lookup;
    private volatile String lastLookup = "the Kafka producer is asking for the report topic's metadata";

    /** {@code acks} runs what waits for each acknowledgement (see the class comment). */
    public KafkaReportSink(KafkaFactory kafka, String clientId, Executor acks) {
        this(new KafkaProducer<>(kafka.producerProperties(clientId)), kafka.getReportsTopic(), acks);
    }

    KafkaReportSink(Producer<String, byte[]> producer, String topic, Executor acks) {
        this.producer = requireNonNull(producer, "producer is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.acks = requireNonNull(acks, "acks is null");
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // the callback completes `done` with the outcome, failure included
    public CompletionStage<Void> send(ReportRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(record.toProducerRecord(topic), (metadata, error) -> completeOnAcks(done, error));
        } catch (KafkaException e) {
            // Metadata not available within max.block.ms, or the producer is closed.
            done.completeExceptionally(e);
        }
        return done;
    }

    private void completeOnAcks(CompletableFuture<Void> done, @Nullable Exception error) {
        Runnable complete = () -> {
            if (error == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(error);
            }
        };
        try {
            acks.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run(); // the pool has stopped: answer here rather than never
        }
    }

    /**
     * Empty once the producer has the topic's metadata (it can send); until then, why not. Never blocks the
     * readiness check: the look-up (which waits up to {@code max.block.ms} for Kafka) runs on its own thread, and a
     * check while it runs answers with the previous look-up's failure.
     */
    public Optional<String> waitingFor() {
        if (hasMetadata) {
            return Optional.empty();
        }
        CompletableFuture<Void> current = lookup;
        if (current == null || current.isDone()) {
            lookup = CompletableFuture.runAsync(this::lookUpMetadata, METADATA_LOOKUPS);
        }
        return hasMetadata ? Optional.empty() : Optional.of(lastLookup);
    }

    private void lookUpMetadata() {
        try {
            producer.partitionsFor(topic);
            hasMetadata = true;
        } catch (KafkaException e) {
            lastLookup = "the Kafka producer has no metadata for " + topic + " yet: " + e.getMessage();
        }
    }

    /** Kafka's producer metrics in {@code registry}: sends, errors, retries, latency. */
    public AutoCloseable bindMetrics(MeterRegistry registry) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        return metrics;
    }

    /** Asks for the topic's metadata at once, so that the first readiness check finds it known. */
    @Override
    public void start() {
        waitingFor();
    }

    @Override
    public void stop() {
        producer.close(Duration.ofSeconds(10));
    }
}
