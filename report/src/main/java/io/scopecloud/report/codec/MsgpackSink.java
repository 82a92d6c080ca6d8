package io.scopecloud.report.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Instant;
import org.msgpack.core.MessagePacker;

/**
 * {@link TokenSink} writing msgpack as Scope's Go codec does: the old spec (the packer must be configured without
 * str8), times as Go {@code MarshalBinary} bytes inside a str, so a real Scope app can read it.
 */
final class MsgpackSink extends TokenSink {
    private final MessagePacker p;
    private final OutputStream out; // the packer's, for values encoded before
    private final byte[] timeBuf = new byte[GoTimes.BINARY_V1_LENGTH];

    /** @param p a packer writing to {@code out} */
    MsgpackSink(MessagePacker p, OutputStream out) {
        this.p = p;
        this.out = out;
    }

    @Override
    void startMap(int size) throws IOException {
        p.packMapHeader(size);
    }

    @Override
    void endMap() {}

    @Override
    void key(String key) throws IOException {
        p.packString(key);
    }

    @Override
    void startArray(int size) throws IOException {
        p.packArrayHeader(size);
    }

    @Override
    void endArray() {}

    @Override
    void string(String value) throws IOException {
        p.packString(value);
    }

    @Override
    void int64(long value) throws IOException {
        p.packLong(value);
    }

    @Override
    void uint64(long value) throws IOException {
        if (value >= 0) {
            p.packLong(value);
        } else {
            p.packBigInteger(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    @Override
    void float64(double value) throws IOException {
        p.packDouble(value);
    }

    @Override
    void bool(boolean value) throws IOException {
        p.packBoolean(value);
    }

    @Override
    void time(Instant value) throws IOException {
        GoTimes.writeBinary(value, timeBuf, 0);
        p.packRawStringHeader(timeBuf.length);
        p.writePayload(timeBuf);
    }

    @Override
    void nil() throws IOException {
        p.packNil();
    }

    @Override
    void flush() throws IOException {
        p.flush();
    }

    @Override
    void raw(byte[] value) throws IOException {
        p.writePayload(value);
    }

    @Override
    void encoded(EncodedTopology value) throws IOException {
        p.flush();
        value.writeTo(out);
    }
}
