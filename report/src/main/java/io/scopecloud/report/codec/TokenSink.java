package io.scopecloud.report.codec;

import java.io.IOException;
import java.time.Instant;

/**
 * The write side of {@link TokenSource}: one {@link ReportWriter} emits both JSON and msgpack, so both carry the
 * same keys in the same (Go struct) order. Map and array sizes are given up front because msgpack needs them.
 */
abstract class TokenSink {
    abstract void startMap(int size) throws IOException;

    abstract void endMap() throws IOException;

    abstract void key(String key) throws IOException;

    abstract void startArray(int size) throws IOException;

    abstract void endArray() throws IOException;

    abstract void string(String value) throws IOException;

    abstract void int64(long value) throws IOException;

    /** An unsigned 64-bit integer held in a long. */
    abstract void uint64(long value) throws IOException;

    abstract void float64(double value) throws IOException;

    abstract void bool(boolean value) throws IOException;

    abstract void time(Instant value) throws IOException;

    abstract void nil() throws IOException;

    abstract void flush() throws IOException;

    /**
     * Writes the bytes of one value that a sink of the same format encoded before (a kept node);
     * only msgpack sinks can.
     */
    void raw(byte[] value) throws IOException {
        throw new UnsupportedOperationException("this sink cannot write encoded values in place");
    }

    /** Writes a value that a sink of the same format encoded before, as it was. */
    abstract void encoded(EncodedTopology value) throws IOException;
}
