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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * Produces accepted reports to the report topic with an idempotent, {@code acks=all} producer; the
 * returned stage completes only when Kafka has acknowledged the record.
 */
public final class KafkaReportSink implements ReportSink, Managed {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private volatile boolean hasMetadata;

    public KafkaReportSink(KafkaFactory kafka, String clientId) {
        this(new KafkaProducer<>(kafka.producerProperties(clientId)), kafka.getReportsTopic());
    }

    KafkaReportSink(Producer<String, byte[]> producer, String topic) {
        this.producer = requireNonNull(producer, "producer is null");
        this.topic = requireNonNull(topic, "topic is null");
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // the callback completes `done` with the outcome, failure included
    public CompletionStage<Void> send(ReportRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(record.toProducerRecord(topic), (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(error);
                }
            });
        } catch (KafkaException e) {
            // Metadata not available within max.block.ms, or the producer is closed.
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Empty once the producer has the topic's metadata (it can send); until then, why not. Asked
     * by the readiness check, which waits at most {@code max.block.ms} for Kafka.
     */
    public Optional<String> waitingFor() {
        if (hasMetadata) {
            return Optional.empty();
        }
        try {
            producer.partitionsFor(topic);
            hasMetadata = true;
            return Optional.empty();
        } catch (KafkaException e) {
            return Optional.of("the Kafka producer has no metadata for " + topic + " yet: " + e.getMessage());
        }
    }

    /** Kafka's producer metrics in {@code registry}: sends, errors, retries, latency. */
    public AutoCloseable bindMetrics(MeterRegistry registry) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        return metrics;
    }

    @Override
    public void stop() {
        producer.close(Duration.ofSeconds(10));
    }
}
