package io.scopecloud.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReportRecordTest {
    private static final UUID ORG = UUID.fromString("8d2f1c1e-6a4b-4c1f-9f7a-1d2e3f4a5b6c");

    @Test
    void roundTripsThroughKafkaRecordsKeyedByOrg() {
        ReportRecord sent = new ReportRecord(
                ORG, "3b0a37194325fdbc", "1.13.2", Instant.ofEpochMilli(1_700_000_000_123L), true, new byte[] {1, 2});

        ProducerRecord<String, byte[]> produced = sent.toProducerRecord("scope.reports");
        ReportRecord received = ReportRecord.from(consumed(produced));

        assertThat(produced.key()).isEqualTo(ORG.toString());
        assertThat(received.orgId()).isEqualTo(ORG);
        assertThat(received.probeId()).isEqualTo("3b0a37194325fdbc");
        assertThat(received.probeVersion()).isEqualTo("1.13.2");
        assertThat(received.receivedAt()).isEqualTo(sent.receivedAt());
        assertThat(received.shortcut()).isTrue();
        assertThat(received.payload()).containsExactly(1, 2);
    }

    @Test
    void refusesRecordsOfAnotherFormatVersion() {
        ProducerRecord<String, byte[]> produced =
                new ReportRecord(ORG, "p", "v", Instant.EPOCH, false, new byte[0]).toProducerRecord("t");
        produced.headers().remove(ReportRecord.FORMAT);
        produced.headers().add(ReportRecord.FORMAT, "99".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ReportRecord.from(consumed(produced)))
                .isInstanceOf(ReportRecord.MalformedRecordException.class)
                .hasMessageContaining("format 99");
    }

    @Test
    void refusesRecordsWithBadHeaders() {
        ProducerRecord<String, byte[]> produced =
                new ReportRecord(ORG, "p", "v", Instant.EPOCH, false, new byte[0]).toProducerRecord("t");
        produced.headers().remove(ReportRecord.ORG);
        produced.headers().add(ReportRecord.ORG, "not-a-uuid".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ReportRecord.from(consumed(produced)))
                .isInstanceOf(ReportRecord.MalformedRecordException.class);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        RecordHeaders headers = new RecordHeaders(produced.headers().toArray());
        return new ConsumerRecord<>(
                produced.topic(),
                0,
                0L,
                0L,
                TimestampType.LOG_APPEND_TIME,
                -1,
                -1,
                produced.key(),
                produced.value(),
                headers,
                Optional.empty());
    }
}
