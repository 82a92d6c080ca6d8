package io.scopecloud.report.codec;

import io.scopecloud.report.GoTime;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * {@link TokenSource} over msgpack-core's {@link MessageUnpacker}, reading msgpack as Scope 1.x probes write it (the
 * old spec: strings in str containers, times as Go {@code MarshalBinary} bytes inside a str).
 *
 * <p>The unpacker has no limits of its own, so this class checks depth, string length (before reading the bytes)
 * and never trusts a container's announced size for allocation.
 */
final class MsgpackTokenSource extends TokenSource {
    private final MessageUnpacker in;
    private final int maxDepth;
    private final int maxStringLength;
    private final byte[] timeBuf = new byte[GoTimes.BINARY_V2_LENGTH];
    private final byte[] lastTime = new byte[GoTimes.BINARY_V2_LENGTH];
    private int lastTimeLength;
    private Instant last; // a node's latest entries often share one time: reuse the instance

    private long[] remaining = new long[16]; // entries (maps: keys + values) left per open container
    private String[] path = new String[16]; // key or index of the current value per depth, for messages
    private boolean[] isMap = new boolean[16];
    private int[] index = new int[16]; // index of the current element per open array
    private int depth;

    private byte[] buf = new byte[256];

    MsgpackTokenSource(MessageUnpacker in, DecodeLimits limits) {
        super(limits);
        this.in = in;
        this.maxDepth = limits.maxDepth();
        this.maxStringLength = limits.maxStringLength();
    }

    @Override
    void begin() throws IOException, ReportDecodeException {
        if (!in.hasNext()) {
            throw new ReportDecodeException(Problem.TRUNCATED, "empty body");
        }
    }

    @Override
    boolean readNull() throws IOException {
        if (in.getNextFormat() == MessageFormat.NIL) {
            in.unpackNil();
            return true;
        }
        return false;
    }

    @Override
    void startMap() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        if (f.getValueType() != ValueType.MAP) {
            throw error(Problem.WRONG_TYPE, "expected a map, found " + describe(f));
        }
        push(2L * (in.unpackMapHeader() & 0xffffffffL), true);
    }

    @Override
    String nextKey() throws IOException, ReportDecodeException {
        return nextKey(null);
    }

    /** Compares the key's bytes with the expected key's before looking it up among the schema's keys. */
    @Override
    String nextKey(ExpectedKey expected) throws IOException, ReportDecodeException {
        if (remaining[depth] == 0) {
            depth--;
            return null;
        }
        remaining[depth] -= 2;
        MessageFormat f = in.getNextFormat();
        ValueType vt = f.getValueType();
        if (vt != ValueType.STRING && vt != ValueType.BINARY) {
            throw error(Problem.WRONG_TYPE, "expected a string key, found " + describe(f));
        }
        int len = vt == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader();
        checkLength(len);
        String key;
        if (len == 0) {
            key = "";
        } else {
            readIntoBuffer(len);
            if (expected != null && expected.matches(buf, 0, len)) {
                key = expected.name();
            } else {
                key = SchemaKeys.find(buf, 0, len);
                if (key == null) {
                    key = new String(buf, 0, len, StandardCharsets.UTF_8);
                }
            }
        }
        path[depth] = key;
        countEntry();
        return key;
    }

    /**
     * Reads a str/bin payload of {@code len} bytes (already checked) as UTF-8, through a reused buffer. No string
     * cache here: ingest decodes, re-encodes and drops the report, and allocating is cheaper than looking up.
     */
    private String string(int len) throws IOException {
        if (len == 0) {
            return "";
        }
        readIntoBuffer(len);
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void readIntoBuffer(int len) throws IOException {
        if (len > buf.length) {
            buf = new byte[Math.max(len, buf.length * 2)];
        }
        in.readPayload(buf, 0, len);
    }

    @Override
    void startArray() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        if (f.getValueType() != ValueType.ARRAY) {
            throw error(Problem.WRONG_TYPE, "expected an array, found " + describe(f));
        }
        push(in.unpackArrayHeader() & 0xffffffffL, false);
        index[depth] = -1;
    }

    @Override
    boolean nextElement() throws ReportDecodeException {
        if (remaining[depth] == 0) {
            depth--;
            return false;
        }
        remaining[depth]--;
        index[depth]++;
        countEntry();
        return true;
    }

    @Override
    String readString() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        ValueType vt = f.getValueType();
        if (vt == ValueType.STRING || vt == ValueType.BINARY) {
            int len = vt == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader();
            checkLength(len);
            return string(len);
        }
        if (vt == ValueType.NIL) {
            in.unpackNil();
            return "";
        }
        throw error(Problem.WRONG_TYPE, "expected a string, found " + describe(f));
    }

    @Override
    long readLong() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        return switch (f.getValueType()) {
            case INTEGER ->
                f == MessageFormat.UINT64
                        ? in.unpackBigInteger().longValue() // keep the bits of a uint64
                        : in.unpackLong();
            case FLOAT -> {
                double d = in.unpackDouble();
                if (d != Math.rint(d) || Math.abs(d) > 9.2e18) {
                    throw error(Problem.WRONG_TYPE, "expected an integer, found " + d);
                }
                yield (long) d;
            }
            case NIL -> {
                in.unpackNil();
                yield 0;
            }
            default -> throw error(Problem.WRONG_TYPE, "expected an integer, found " + describe(f));
        };
    }

    @Override
    double readDouble() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        return switch (f.getValueType()) {
            case FLOAT -> in.unpackDouble();
            case INTEGER -> f == MessageFormat.UINT64 ? in.unpackBigInteger().doubleValue() : in.unpackLong();
            case NIL -> {
                in.unpackNil();
                yield 0;
            }
            default -> throw error(Problem.WRONG_TYPE, "expected a number, found " + describe(f));
        };
    }

    @Override
    boolean readBoolean() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        if (f.getValueType() == ValueType.BOOLEAN) {
            return in.unpackBoolean();
        }
        if (f == MessageFormat.NIL) {
            in.unpackNil();
            return false;
        }
        throw error(Problem.WRONG_TYPE, "expected a boolean, found " + describe(f));
    }

    /**
     * Go's {@code MarshalBinary} bytes inside a str (read as raw bytes, never as UTF-8) or bin; an RFC 3339 string;
     * or a msgpack timestamp extension (type -1), which newer encoders write.
     */
    @Override
    Instant readTime() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        ValueType vt = f.getValueType();
        if (vt == ValueType.NIL) {
            in.unpackNil();
            return GoTime.ZERO;
        }
        if (vt == ValueType.STRING || vt == ValueType.BINARY) {
            int len = vt == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader();
            checkLength(len);
            if (len == GoTimes.BINARY_V1_LENGTH || len == GoTimes.BINARY_V2_LENGTH) {
                in.readPayload(timeBuf, 0, len);
                if (len == lastTimeLength && ByteWords.equal(lastTime, timeBuf, 0, len)) {
                    return last;
                }
                Instant t = GoTimes.unmarshalBinary(timeBuf, len);
                if (t != null) {
                    System.arraycopy(timeBuf, 0, lastTime, 0, len);
                    lastTimeLength = len;
                    last = t;
                    return t;
                }
                return parseText(Arrays.copyOf(timeBuf, len));
            }
            return parseText(in.readPayload(len));
        }
        if (vt == ValueType.EXTENSION) {
            var ext = in.unpackExtensionTypeHeader();
            if (ext.getType() == -1) {
                return readTimestampExtension(ext.getLength());
            }
            in.skipValue(ext.getLength());
            throw error(Problem.BAD_TIMESTAMP, "extension type " + ext.getType() + " is not a time");
        }
        throw error(Problem.WRONG_TYPE, "expected a time, found " + describe(f));
    }

    private Instant readTimestampExtension(int len) throws IOException, ReportDecodeException {
        byte[] b = in.readPayload(len);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        return switch (len) {
            case 4 -> Instant.ofEpochSecond(buf.getInt() & 0xffffffffL);
            case 8 -> {
                long v = buf.getLong();
                yield Instant.ofEpochSecond(v & 0x3ffffffffL, v >>> 34);
            }
            case 12 -> {
                int nanos = buf.getInt();
                yield Instant.ofEpochSecond(buf.getLong(), nanos);
            }
            default -> throw error(Problem.BAD_TIMESTAMP, "timestamp extension of " + len + " bytes");
        };
    }

    private Instant parseText(byte[] bytes) throws ReportDecodeException {
        String s = new String(bytes, StandardCharsets.UTF_8);
        Instant t = GoTimes.parse(s);
        if (t == null) {
            throw error(Problem.BAD_TIMESTAMP, "neither a Go binary time nor RFC 3339: " + abbreviate(s));
        }
        return t;
    }

    @Override
    void skip() throws IOException, ReportDecodeException {
        skip(depth);
    }

    private void skip(int level) throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        switch (f.getValueType()) {
            case MAP -> {
                long n = 2L * (in.unpackMapHeader() & 0xffffffffL);
                checkDepth(level + 1);
                for (long i = 0; i < n; i++) {
                    skip(level + 1);
                }
            }
            case ARRAY -> {
                long n = in.unpackArrayHeader() & 0xffffffffL;
                checkDepth(level + 1);
                for (long i = 0; i < n; i++) {
                    skip(level + 1);
                }
            }
            default -> in.skipValue();
        }
    }

    @Override
    String location() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            sb.append('/');
            if (!isMap[i]) {
                sb.append(index[i]);
            } else if (path[i] != null) {
                sb.append(path[i].replace("~", "~0").replace("/", "~1"));
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private void push(long entries, boolean map) throws ReportDecodeException {
        checkDepth(depth + 1);
        depth++;
        if (depth == remaining.length) {
            remaining = Arrays.copyOf(remaining, depth * 2);
            path = Arrays.copyOf(path, depth * 2);
            isMap = Arrays.copyOf(isMap, depth * 2);
            index = Arrays.copyOf(index, depth * 2);
        }
        remaining[depth] = entries;
        isMap[depth] = map;
        path[depth] = null;
    }

    private void checkDepth(int d) throws ReportDecodeException {
        if (d > maxDepth) {
            throw error(Problem.TOO_DEEP, "nesting deeper than " + maxDepth);
        }
    }

    private void checkLength(int len) throws ReportDecodeException {
        if (len < 0 || len > maxStringLength) {
            throw error(
                    Problem.STRING_TOO_LONG,
                    "string of " + (len & 0xffffffffL) + " bytes exceeds the limit of " + maxStringLength);
        }
    }

    private static String describe(MessageFormat f) {
        return switch (f.getValueType()) {
            case NIL -> "nil";
            case BOOLEAN -> "a boolean";
            case INTEGER, FLOAT -> "a number";
            case STRING -> "a string";
            case BINARY -> "binary";
            case ARRAY -> "an array";
            case MAP -> "a map";
            default -> "an extension";
        };
    }
}
