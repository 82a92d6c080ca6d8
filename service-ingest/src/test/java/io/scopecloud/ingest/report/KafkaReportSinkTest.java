package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.common.kafka.ReportRecord;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaReportSinkTest {
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final ExecutorService acks = Executors.newSingleThreadExecutor(r -> new Thread(r, "acks-under-test"));
    private final KafkaReportSink sink = new KafkaReportSink(producer, "reports", acks);

    @AfterEach
    void stop() {
        acks.shutdownNow();
    }

    @Test
    void whatWaitsForTheAcknowledgementRunsOnTheAckPoolNotOnTheProducersThread() throws Exception {
        AtomicReference<String> ranOn = new AtomicReference<>();
        CompletableFuture<Void> answered = sink.send(record())
                .thenRun(() -> ranOn.set(Thread.currentThread().getName()))
                .toCompletableFuture();

        producer.completeNext(); // on this thread, as the producer's network thread would call back

        answered.get(5, TimeUnit.SECONDS);
        assertThat(ranOn.get()).isEqualTo("acks-under-test");
    }

    @Test
    void aFailedSendFailsTheStageOnTheAckPool() throws Exception {
        AtomicReference<String> ranOn = new AtomicReference<>();
        CompletableFuture<Throwable> failed = sink.send(record())
                .handle((ok, error) -> {
                    ranOn.set(Thread.currentThread().getName());
                    return error;
                })
                .toCompletableFuture();

        producer.errorNext(new RuntimeException("broker gone"));

        assertThat(failed.get(5, TimeUnit.SECONDS)).hasMessageContaining("broker gone");
        assertThat(ranOn.get()).isEqualTo("acks-under-test");
    }

    @Test
    void onceThePoolHasStoppedAnAcknowledgementIsAnsweredWhereItArrives() throws Exception {
        CompletableFuture<Void> answered = sink.send(record()).toCompletableFuture();
        acks.shutdown();

        producer.completeNext();

        assertThat(answered).isCompleted();
    }

    private static ReportRecord record() {
        return new ReportRecord(UUID.randomUUID(), "probe-1", "1.13.2", Instant.now(), false, new byte[] {1, 2, 3});
    }
}
