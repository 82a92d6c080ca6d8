package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import java.time.Duration;
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

    @Override
    public void stop() {
        producer.close(Duration.ofSeconds(10));
    }
}
