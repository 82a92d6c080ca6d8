package io.scopecloud.common.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One accepted report on {@code scope.reports}: keyed by org so an org's reports stay ordered in
 * one partition; the value is the report in the compact encoding; headers say who sent it, when,
 * and in which format version, so consumers can route and skip without decoding.
 */
@SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
public record ReportRecord(
        UUID orgId, String probeId, String probeVersion, Instant receivedAt, boolean shortcut, byte[] payload) {

    public static final int FORMAT_VERSION = 1;
    static final String ORG = "org";
    static final String PROBE_ID = "probe-id";
    static final String PROBE_VERSION = "probe-version";
    static final String RECEIVED_AT = "received-at";
    static final String SHORTCUT = "shortcut";
    static final String FORMAT = "format-version";

    public ReportRecord {
        requireNonNull(orgId, "orgId is null");
        requireNonNull(probeId, "probeId is null");
        requireNonNull(probeVersion, "probeVersion is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(payload, "payload is null");
    }

    public ProducerRecord<String, byte[]> toProducerRecord(String topic) {
        Headers headers = new RecordHeaders()
                .add(ORG, utf8(orgId.toString()))
                .add(PROBE_ID, utf8(probeId))
                .add(PROBE_VERSION, utf8(probeVersion))
                .add(RECEIVED_AT, utf8(Long.toString(receivedAt.toEpochMilli())))
                .add(SHORTCUT, utf8(Boolean.toString(shortcut)))
                .add(FORMAT, utf8(Integer.toString(FORMAT_VERSION)));
        return new ProducerRecord<>(topic, null, orgId.toString(), payload, headers);
    }

    /** Reads a record; throws {@link MalformedRecordException} for one this build cannot read. */
    public static ReportRecord from(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String format = header(headers, FORMAT);
        if (!Integer.toString(FORMAT_VERSION).equals(format)) {
            throw new MalformedRecordException("unsupported report record format " + format);
        }
        try {
            return new ReportRecord(
                    UUID.fromString(header(headers, ORG)),
                    header(headers, PROBE_ID),
                    header(headers, PROBE_VERSION),
                    Instant.ofEpochMilli(Long.parseLong(header(headers, RECEIVED_AT))),
                    Boolean.parseBoolean(header(headers, SHORTCUT)),
                    record.value() == null ? new byte[0] : record.value());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedRecordException("bad report record headers: " + e.getMessage());
        }
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        if (header == null) {
            throw new MalformedRecordException("report record without header " + key);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A record on the topic that this build cannot read; skip it and keep the partition moving. */
    public static final class MalformedRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedRecordException(String message) {
            super(message);
        }
    }
}
