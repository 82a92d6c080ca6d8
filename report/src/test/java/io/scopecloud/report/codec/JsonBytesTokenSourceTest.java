package io.scopecloud.report.codec;

import static io.scopecloud.report.codec.ReportDecodeException.Problem.MALFORMED;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.STRING_TOO_LONG;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.TOO_DEEP;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.TRUNCATED;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-level JSON tokenizer on its own: strings, numbers, literals, nesting, truncation and locations. */
class JsonBytesTokenSourceTest {
    private static final DecodeLimits LIMITS = DecodeLimits.defaults();

    @Test
    void readsStrings() throws Exception {
        String[][] cases = {
            {"\"plain\"", "plain"},
            {"\"\"", ""},
            {"\"q\\\"b\\\\s\\/\"", "q\"b\\s/"},
            {"\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t"},
            {"\"h;\\u003chost\\u003E\"", "h;<host>"},
            {"\"caf\\u00e9\"", "caf\u00e9"},
            {"\"\\ud83d\\ude00 smile\"", "\ud83d\ude00 smile"},
            {"\"lone \\ud800 surrogate\"", "lone \ud800 surrogate"}, // kept, as Jackson kept it
            {"\"\u00fcn\u00efc\u00f6d\u00e9 \ud83d\ude00 ok\"", "\u00fcn\u00efc\u00f6d\u00e9 \ud83d\ude00 ok"},
            {"\"\u20ac three bytes\"", "\u20ac three bytes"},
            {"null", ""},
        };
        for (String[] c : cases) {
            assertThat(source(c[0]).readString()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void readsStringsOfEveryLengthWithASpecialByteAtEveryPosition() throws Exception {
        // The scanner tests 8 bytes at a time: put an escape or a multi-byte character at each offset.
        for (int len = 0; len < 40; len++) {
            String plain = "x".repeat(len);
            assertThat(source("\"" + plain + "\"").readString()).isEqualTo(plain);
            for (int at = 0; at <= len; at++) {
                String withEscape = plain.substring(0, at) + "\\n" + plain.substring(at);
                String withUtf8 = plain.substring(0, at) + "é" + plain.substring(at);
                assertThat(source("\"" + withEscape + "\"").readString())
                        .isEqualTo(plain.substring(0, at) + "\n" + plain.substring(at));
                assertThat(source("\"" + withUtf8 + "\"").readString()).isEqualTo(withUtf8);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "80", // a continuation byte first
                "c0af", // overlong '/'
                "e080af", // overlong, three bytes
                "eda080", // an encoded surrogate
                "f4908080", // above U+10FFFF
                "f5808080", // never a start byte
                "c3", // a lead byte without its continuation (then the closing quote)
                "e282", // two of three bytes
                "ff",
            })
    void refusesInvalidUtf8(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] json = new byte[bad.length + 4];
        json[0] = '"';
        json[1] = 'a';
        System.arraycopy(bad, 0, json, 2, bad.length);
        json[bad.length + 2] = 'b';
        json[bad.length + 3] = '"';

        assertThat(failure(() -> new JsonBytesTokenSource(json, LIMITS), s -> s.readString()))
                .isEqualTo(MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\u0001b\"", "\"tab\tin\"", "\"\\x\"", "\"\\u12g4\"", "\"\\u12\""})
    void refusesControlCharactersAndBadEscapes(String json) {
        assertThat(failure(json, TokenSource::readString)).isEqualTo(MALFORMED);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0, 0",
        "123, 123",
        "-42, -42",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
        "18446744073709551615, -1", // a Go uint64 keeps its bits
        "1e3, 1000",
        "2.0, 2",
        "-5E+2, -500",
    })
    void readsIntegers(String json, long expected) throws Exception {
        assertThat(source(json).readLong()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551616", "-9223372036854775809", "1.5", "1e-1", "1e30", "\"1\"", "true"})
    void refusesWhatIsNotAnInt64OrUint64(String json) {
        assertThat(failure(json, TokenSource::readLong)).isEqualTo(WRONG_TYPE);
    }

    @ParameterizedTest
    @CsvSource({
        "0.0, 0.0",
        "-0.0, -0.0",
        "-0, 0.0",
        "0.86, 0.86",
        "1.14688E+06, 1146880",
        "1.8446744073709552E+19, 1.8446744073709552E19",
        "8.8866816E+07, 88866816",
        "1e-400, 0.0",
        "1e400, Infinity",
        "-1e400, -Infinity",
        "123456789012345678901234567890, 1.2345678901234568E29",
        "0.30000000000000004, 0.30000000000000004",
        "9007199254740993, 9007199254740992", // 2^53 + 1 rounds to even
        "4.9e-324, 4.9E-324",
        "0.000000000000000000000000000001, 1e-30",
    })
    void readsDoublesCorrectlyRounded(String json, double expected) throws Exception {
        assertThat(source(json).readDouble()).isEqualTo(expected);
    }

    @Test
    void readsRandomDoublesExactlyAsJavaParsesThem() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double d =
                    switch (i % 4) {
                        case 0 -> Double.longBitsToDouble(random.nextLong());
                        case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                        case 2 -> Math.round(random.nextDouble() * 1e6) / 1e3;
                        default -> random.nextInt(1_000_000) / 100.0;
                    };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            for (String text : new String[] {Double.toString(d), GoFloats.format(d), String.format("%.17g", d)}) {
                assertThat(source(text).readDouble()).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "1.", "-", "+1", ".5", "1e", "1e+", "-x", "1.e5", "0x10", "NaN", "Infinity"})
    void refusesMalformedNumbers(String json) {
        Problem p = failure("{\"Window\":" + json + "}", s -> {
            s.startMap();
            s.nextKey();
            s.readLong();
            s.nextKey();
        });
        assertThat(p).as(json).isIn(MALFORMED, TRUNCATED);
    }

    @Test
    void refusesNumbersLongerThanAThousandCharacters() {
        assertThat(failure("1".repeat(1001), TokenSource::readDouble)).isEqualTo(MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul", "nulx", "nullx", "tru", "trueish", "fals"})
    void refusesBrokenLiterals(String json) {
        assertThat(failure(json + " ", TokenSource::readBoolean)).isIn(MALFORMED, TRUNCATED);
    }

    @Test
    void readsLiterals() throws Exception {
        assertThat(source("true").readBoolean()).isTrue();
        assertThat(source("false").readBoolean()).isFalse();
        assertThat(source("null").readBoolean()).isFalse();
        assertThat(source("null").readNull()).isTrue();
        assertThat(source("null").readLong()).isZero();
    }

    @Test
    void checksStringLengthOnEveryPath() throws Exception {
        DecodeLimits limits = LIMITS.withMaxStringLength(10);
        assertThat(source("\"" + "a".repeat(10) + "\"", limits).readString()).hasSize(10);
        assertThat(source("\"" + "é".repeat(10) + "\"", limits).readString()).hasSize(10);
        assertThat(failure("\"" + "a".repeat(11) + "\"", limits, TokenSource::readString))
                .isEqualTo(STRING_TOO_LONG);
        assertThat(failure("\"" + "\\n".repeat(11) + "\"", limits, TokenSource::readString))
                .isEqualTo(STRING_TOO_LONG);
        assertThat(failure("\"" + "😀".repeat(6) + "\"", limits, TokenSource::readString)) // 12 UTF-16 chars
                .isEqualTo(STRING_TOO_LONG);
    }

    @Test
    void limitsNestingToTheMaximumDepth() throws Exception {
        DecodeLimits limits = LIMITS.withMaxDepth(5);
        String ok = "{\"x\":" + "[".repeat(4) + "]".repeat(4) + "}";
        String deep = "{\"x\":" + "[".repeat(5) + "]".repeat(5) + "}";

        assertThat(ReportDecoder.decode(bytes(ok), WireFormat.JSON, false, limits))
                .isEqualTo(Report.empty());
        ReportDecodeException e = decodeFailure(bytes(deep), limits);
        assertThat(e.problem()).isEqualTo(TOO_DEEP);
        assertThat(e.getMessage()).isEqualTo("TOO_DEEP: nesting deeper than 5 at /x");
    }

    @Test
    void skipsUnknownValuesOfEveryKind() throws Exception {
        String body = "{\"a\":{\"b\":[1,-2.5e3,true,false,null,\"s\\u0041\",{},[],{\"c\":[[]]}]},\"ID\":\"r\"}";

        assertThat(ReportDecoder.decode(bytes(body), WireFormat.JSON, false, LIMITS)
                        .id())
                .isEqualTo("r");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":[1 2]}",
                "{\"a\":[1,]}",
                "{\"a\":{\"b\":1,}}",
                "{\"a\":{\"b\" 1}}",
                "{\"a\":{1:1}}",
                "{\"a\":[}",
                "{\"a\":'x'}",
                "{\"ID\":\"r\",}",
            })
    void refusesBadSyntaxAnywhere(String body) {
        assertThat(decodeFailure(bytes(body), LIMITS).problem()).as(body).isEqualTo(MALFORMED);
    }

    @Test
    void givesTheByteOffsetAndPointerOfASyntaxError() {
        ReportDecodeException e = decodeFailure(bytes("{\"Host\":{\"nodes\":{\"h\":{\"id\":\"x\" \"y\"}}}}"), LIMITS);

        assertThat(e.getMessage())
                .isEqualTo("MALFORMED: unexpected '\"', expected ',' or '}' (byte 32) at /Host/nodes/h/id");
    }

    @Test
    void escapesPointerSegmentsAndNamesArrayIndices() {
        ReportDecodeException key = decodeFailure(
                bytes("{\"Host\":{\"nodes\":{\"a/b~c\":{\"latest\":{\"k\":{\"timestamp\":1}}}}}}"), LIMITS);
        ReportDecodeException index =
                decodeFailure(bytes("{\"Endpoint\":{\"nodes\":{\"e\":{\"adjacency\":[\"x\",2]}}}}"), LIMITS);

        assertThat(key.getMessage()).endsWith(" at /Host/nodes/a~1b~0c/latest/k/timestamp");
        assertThat(index.getMessage())
                .isEqualTo("WRONG_TYPE: expected a string, found a number at /Endpoint/nodes/e/adjacency/1");
    }

    @Test
    void refusesEveryTruncationOfADocumentWithATypedError() throws Exception {
        byte[] full = bytes("{\"TS\":\"2023-06-13T10:00:00.5Z\",\"Window\":3000000000,\"Host\":{\"nodes\":{"
                + "\"h;\\u003chost\\u003e\":{\"id\":\"h\",\"latest\":{\"k\":{\"timestamp\":\"2023-06-13T10:00:00Z\","
                + "\"value\":\"é😀\"}},\"metrics\":{\"m\":{\"samples\":[{\"date\":\"2023-06-13T10:00:00Z\",\"value\":"
                + "-1.5e2}],\"min\":0,\"max\":100}},\"sets\":{\"s\":[\"a\",\"b\"]}}}},\"Shortcut\":true,\"x\":[null]}");
        assertThat(ReportDecoder.decode(full, WireFormat.JSON, false, LIMITS).shortcut())
                .isTrue();
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            for (boolean streamed : new boolean[] {false, true}) {
                ReportDecodeException e = catchThrowableOfType(ReportDecodeException.class, () -> {
                    if (streamed) {
                        ReportDecoder.decode(oneByteAtATime(part), WireFormat.JSON, false, LIMITS);
                    } else {
                        ReportDecoder.decode(part, WireFormat.JSON, false, LIMITS);
                    }
                });
                assertThat(e).as("cut at %d, streamed %s", cut, streamed).isNotNull();
                assertThat(e.problem()).as(e.getMessage()).isIn(TRUNCATED, MALFORMED);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"report-004.json", "app_api_report.json", "plugin_api_report.json"})
    void decodesTheSameFromAStreamThatGivesOneByteAtATime(String fixture) throws Exception {
        byte[] json = Fixtures.bytes(fixture);

        Report streamed = ReportDecoder.decode(oneByteAtATime(json), WireFormat.JSON, false, LIMITS);

        assertThat(streamed).isEqualTo(ReportDecoder.decode(json, WireFormat.JSON, false, LIMITS));
        assertThat(streamed.topology(TopologyType.HOST).nodes()).isNotEmpty();
    }

    @Test
    void skipsAByteOrderMarkAndAcceptsWhatFollowsTheRootValue() throws Exception {
        byte[] bom = HexFormat.of().parseHex("efbbbf");
        byte[] body = bytes("{\"ID\":\"r\"} trailing bytes are not read, as before");
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);

        assertThat(ReportDecoder.decode(withBom, WireFormat.JSON, false, LIMITS).id())
                .isEqualTo("r");
    }

    @Test
    void refusesABodyOfWhitespaceAsEmpty() {
        ReportDecodeException e = decodeFailure(bytes(" \n\t\r "), LIMITS);

        assertThat(e.problem()).isEqualTo(TRUNCATED);
        assertThat(e.getMessage()).contains("empty body");
    }

    private interface Step {
        void apply(TokenSource s) throws IOException, ReportDecodeException;
    }

    private interface Open {
        TokenSource open() throws IOException;
    }

    private static TokenSource source(String json) throws Exception {
        return source(json, LIMITS);
    }

    private static TokenSource source(String json, DecodeLimits limits) throws Exception {
        TokenSource s = new JsonBytesTokenSource(bytes(json), limits);
        s.begin();
        return s;
    }

    private static Problem failure(String json, Step step) {
        return failure(json, LIMITS, step);
    }

    private static Problem failure(String json, DecodeLimits limits, Step step) {
        return failure(() -> new JsonBytesTokenSource(bytes(json), limits), step);
    }

    private static Problem failure(Open open, Step step) {
        ReportDecodeException e = catchThrowableOfType(ReportDecodeException.class, () -> {
            TokenSource s = open.open();
            s.begin();
            step.apply(s);
        });
        assertThat(e).as("expected a ReportDecodeException").isNotNull();
        return e.problem();
    }

    private static ReportDecodeException decodeFailure(byte[] body, DecodeLimits limits) {
        ReportDecodeException e = catchThrowableOfType(
                ReportDecodeException.class, () -> ReportDecoder.decode(body, WireFormat.JSON, false, limits));
        assertThat(e).as("expected a ReportDecodeException").isNotNull();
        return e;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns one byte per read, so the decoder's window is refilled at every possible position. */
    private static InputStream oneByteAtATime(byte[] b) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] into, int off, int len) {
                return super.read(into, off, Math.min(len, 1));
            }
        };
    }
}
