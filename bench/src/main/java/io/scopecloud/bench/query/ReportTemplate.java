package io.scopecloud.bench.query;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.ReportEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One simulated probe's report, built and encoded to msgpack once; each post copies the bytes and writes in the new
 * time (every timestamp: the report's and each entry's), the freshness marker and a new report id, where building
 * and encoding the report again took half of the load generator's CPU (its profile at 1,000 probes). The bytes are
 * what encoding the report afresh would give: each value's positions are found in one encoding, and checked to hold
 * every byte that differs from an encoding with another value.
 */
final class ReportTemplate {
    /** Go's {@code time.MarshalBinary} (version 1) is 15 bytes: 1, seconds since year 1, nanos, zone offset. */
    private static final int TIME_BYTES = 15;

    private static final long UNIX_TO_GO = 62_135_596_800L;
    private static final Instant T1 = Instant.parse("2001-02-03T04:05:06.123456789Z");
    private static final Instant T2 = Instant.parse("2011-12-13T14:15:16.987654321Z");
    private static final String MARKER1 = "1234567";
    private static final String MARKER2 = "7654321";
    private static final String ID1 = "1111111111111111111";
    private static final String ID2 = "2222222222222222222";

    private static final long ID_RANGE = 1_000_000_000_000_000_000L;

    private final byte[] bytes;
    private final int[] times;
    private final int[] markers;
    private final int[] ids;

    private ReportTemplate(byte[] bytes, int[] times, int[] markers, int[] ids) {
        this.bytes = bytes;
        this.times = times;
        this.markers = markers;
        this.ids = ids;
    }

    /** {@code report} gives the probe's report for a time, a marker (7 digits) and a report id (19 digits). */
    static ReportTemplate of(TemplateSource report) {
        byte[] base = ReportEncoder.toMsgpack(report.build(T1, MARKER1, ID1));
        int[] times = find(base, time(T1));
        int[] markers = find(base, ascii(MARKER1));
        int[] ids = find(base, ascii(ID1));
        check(base, ReportEncoder.toMsgpack(report.build(T2, MARKER1, ID1)), times, TIME_BYTES, "time");
        check(base, ReportEncoder.toMsgpack(report.build(T1, MARKER2, ID1)), markers, MARKER1.length(), "marker");
        check(base, ReportEncoder.toMsgpack(report.build(T1, MARKER1, ID2)), ids, ID1.length(), "id");
        ReportTemplate template = new ReportTemplate(base, times, markers, ids);
        byte[] patched = template.patch(T2, MARKER2, ID2);
        if (!Arrays.equals(patched, ReportEncoder.toMsgpack(report.build(T2, MARKER2, ID2)))) {
            throw new IllegalStateException("the patched template differs from the report encoded afresh");
        }
        return template;
    }

    /** The msgpack of the report at {@code now} with {@code marker} (7 digits) and a random id. */
    byte[] encode(Instant now, String marker) {
        if (marker.length() != MARKER1.length()) {
            throw new IllegalArgumentException("the marker must have " + MARKER1.length() + " digits: " + marker);
        }
        return patch(
                now,
                marker,
                "1" + String.format("%018d", ThreadLocalRandom.current().nextLong(ID_RANGE)));
    }

    private byte[] patch(Instant now, String marker, String reportId) {
        byte[] out = bytes.clone();
        byte[] time = time(now);
        for (int at : times) {
            System.arraycopy(time, 0, out, at, TIME_BYTES);
        }
        byte[] m = ascii(marker);
        for (int at : markers) {
            System.arraycopy(m, 0, out, at, m.length);
        }
        byte[] id = ascii(reportId);
        for (int at : ids) {
            System.arraycopy(id, 0, out, at, id.length);
        }
        return out;
    }

    /** What builds a probe's report for a template. */
    @FunctionalInterface
    interface TemplateSource {
        Report build(Instant now, String marker, String id);
    }

    private static byte[] time(Instant t) {
        byte[] b = new byte[TIME_BYTES];
        long sec = t.getEpochSecond() + UNIX_TO_GO;
        int nsec = t.getNano();
        b[0] = 1;
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (sec >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            b[9 + i] = (byte) (nsec >>> (24 - 8 * i));
        }
        b[13] = (byte) 0xff; // UTC
        b[14] = (byte) 0xff;
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int[] find(byte[] in, byte[] pattern) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + pattern.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + pattern.length, pattern, 0, pattern.length)) {
                at.add(i);
                i += pattern.length - 1;
            }
        }
        if (at.isEmpty()) {
            throw new IllegalStateException("the template's report does not hold " + Arrays.toString(pattern));
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The bytes that differ between the two encodings are all inside the positions found, and the lengths agree. */
    private static void check(byte[] a, byte[] b, int[] positions, int width, String what) {
        if (a.length != b.length) {
            throw new IllegalStateException("the " + what + " changes the report's length: it cannot be patched");
        }
        boolean[] covered = new boolean[a.length];
        for (int p : positions) {
            Arrays.fill(covered, p, p + width, true);
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !covered[i]) {
                throw new IllegalStateException("the " + what + " is also written at byte " + i + ", not found");
            }
        }
    }
}
