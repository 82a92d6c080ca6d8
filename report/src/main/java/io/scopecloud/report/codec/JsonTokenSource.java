package io.scopecloud.report.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.scopecloud.report.GoTime;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;

/** {@link TokenSource} over Jackson's streaming parser; Jackson itself enforces depth and string limits. */
final class JsonTokenSource extends TokenSource {
    private final JsonParser p;
    private final GoTimes.Parser times = new GoTimes.Parser();

    JsonTokenSource(JsonParser p, DecodeLimits limits) {
        super(limits);
        this.p = p;
    }

    @Override
    void begin() throws IOException, ReportDecodeException {
        if (p.nextToken() == null) {
            throw new ReportDecodeException(Problem.TRUNCATED, "empty body");
        }
    }

    @Override
    boolean readNull() {
        return p.currentToken() == JsonToken.VALUE_NULL;
    }

    @Override
    void startMap() throws ReportDecodeException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(Problem.WRONG_TYPE, "expected an object, found " + describe());
        }
    }

    @Override
    String nextKey() throws IOException, ReportDecodeException {
        String name = p.nextFieldName(); // Jackson's fast path for field names
        if (name != null) {
            p.nextToken();
            countEntry();
            return name;
        }
        return null; // END_OBJECT: anything else makes Jackson throw first
    }

    /** Jackson compares the expected key with the input bytes, skipping its symbol table when they match. */
    @Override
    String nextKey(SerializedString expected) throws IOException, ReportDecodeException {
        String name;
        if (p.nextFieldName(expected)) {
            name = expected.getValue();
        } else if (p.currentToken() == JsonToken.FIELD_NAME) {
            name = p.currentName();
        } else {
            return null; // END_OBJECT, as in nextKey()
        }
        p.nextToken();
        countEntry();
        return name;
    }

    @Override
    void startArray() throws ReportDecodeException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(Problem.WRONG_TYPE, "expected an array, found " + describe());
        }
    }

    @Override
    boolean nextElement() throws IOException, ReportDecodeException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw error(Problem.TRUNCATED, "unexpected end of input");
        }
        if (t == JsonToken.END_ARRAY) {
            return false;
        }
        countEntry();
        return true;
    }

    @Override
    String readString() throws IOException, ReportDecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return "";
        }
        throw error(Problem.WRONG_TYPE, "expected a string, found " + describe());
    }

    @Override
    long readLong() throws IOException, ReportDecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            if (type == JsonParser.NumberType.BIG_INTEGER) {
                BigInteger big = p.getBigIntegerValue();
                if (big.signum() < 0 || big.bitLength() > 64) {
                    throw error(Problem.WRONG_TYPE, "integer out of range");
                }
                return big.longValue();
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d != Math.rint(d) || Math.abs(d) > 9.2e18) {
                throw error(Problem.WRONG_TYPE, "expected an integer, found " + d);
            }
            return (long) d;
        }
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw error(Problem.WRONG_TYPE, "expected an integer, found " + describe());
    }

    @Override
    double readDouble() throws IOException, ReportDecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw error(Problem.WRONG_TYPE, "expected a number, found " + describe());
    }

    @Override
    boolean readBoolean() throws ReportDecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw error(Problem.WRONG_TYPE, "expected a boolean, found " + describe());
    }

    @Override
    Instant readTime() throws IOException, ReportDecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return GoTime.ZERO;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw error(Problem.WRONG_TYPE, "expected a time string, found " + describe());
        }
        Instant parsed = times.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (parsed == null) {
            throw error(Problem.BAD_TIMESTAMP, "not an RFC 3339 time: " + abbreviate(p.getText()));
        }
        return parsed;
    }

    @Override
    void skip() throws IOException {
        p.skipChildren();
    }

    @Override
    String location() {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "/" : pointer;
    }

    private String describe() {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.toString();
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? '"' + s + '"' : '"' + s.substring(0, 64) + "\"...";
    }
}
