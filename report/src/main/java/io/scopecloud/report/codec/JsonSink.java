package io.scopecloud.report.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link TokenSink} over Jackson's generator, writing like Go: {@code <}, {@code >}, {@code &}, U+2028 and U+2029
 * escaped as {@code \}{@code u003c} etc. (Go's HTML-safe escaping), floats in Go's format, times as RFC3339Nano.
 */
final class JsonSink extends TokenSink {
    /** Keys kept encoded: the schema's and the first topologies' keys come first, node ids fill the rest. */
    private static final int MAX_CACHED_KEYS = 1024;

    /** Marks a cached key written as text: Jackson pre-encodes with standard escapes, not Go's. */
    private static final SerializedString AS_TEXT = new SerializedString("");

    private final JsonGenerator g;
    private final char[] timeBuf = new char[40];
    private final Map<String, SerializedString> keys = new HashMap<>();
    private Instant lastTime; // a probe's report has thousands of entries stamped with one instant
    private SerializedString lastTimeText;

    JsonSink(JsonGenerator g) {
        this.g = g;
        g.setCharacterEscapes(GoEscapes.INSTANCE);
    }

    @Override
    void startMap(int size) throws IOException {
        g.writeStartObject();
    }

    @Override
    void endMap() throws IOException {
        g.writeEndObject();
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // AS_TEXT is a sentinel: the empty key's own SerializedString equals it
    void key(String key) throws IOException {
        SerializedString encoded = keys.get(key);
        if (encoded == null && keys.size() < MAX_CACHED_KEYS) {
            encoded = plain(key) ? new SerializedString(key) : AS_TEXT;
            keys.put(key, encoded);
        }
        if (encoded != null && encoded != AS_TEXT) {
            g.writeFieldName(encoded);
        } else {
            g.writeFieldName(key);
        }
    }

    /** Printable ASCII that neither JSON nor Go escapes, so a pre-encoded copy is exact. */
    private static boolean plain(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
                return false;
            }
        }
        return true;
    }

    @Override
    void startArray(int size) throws IOException {
        g.writeStartArray();
    }

    @Override
    void endArray() throws IOException {
        g.writeEndArray();
    }

    @Override
    void string(String value) throws IOException {
        g.writeString(value);
    }

    @Override
    void int64(long value) throws IOException {
        g.writeNumber(value);
    }

    @Override
    void uint64(long value) throws IOException {
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(Long.toUnsignedString(value));
        }
    }

    @Override
    void float64(double value) throws IOException {
        String s = GoFloats.format(value);
        if (s == null) {
            g.writeNull(); // JSON has no NaN or infinity; Go decodes null as 0
        } else {
            g.writeNumber(s);
        }
    }

    @Override
    void bool(boolean value) throws IOException {
        g.writeBoolean(value);
    }

    @Override
    void time(Instant value) throws IOException {
        if (!value.equals(lastTime)) {
            int n = GoTimes.format(value, timeBuf);
            lastTime = value;
            lastTimeText = new SerializedString(new String(timeBuf, 0, n));
        }
        g.writeString(lastTimeText);
    }

    @Override
    void nil() throws IOException {
        g.writeNull();
    }

    @Override
    void flush() throws IOException {
        g.flush();
    }

    /**
     * Jackson writes raw values from strings only; the generator is told of an empty raw value
     * (which puts the separator before it), flushed, and the bytes go to its target after it.
     */
    @Override
    void encoded(EncodedTopology value) throws IOException {
        g.writeRawValue("");
        g.flush();
        value.writeTo((OutputStream) g.getOutputTarget());
    }

    /** Go's encoding/json escapes these so that JSON can be embedded in HTML. */
    static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final GoEscapes INSTANCE = new GoEscapes();

        private final int[] ascii;

        private GoEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> new SerializedString("\\u003c");
                case '>' -> new SerializedString("\\u003e");
                case '&' -> new SerializedString("\\u0026");
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
