package io.scopecloud.report.codec;

import static io.scopecloud.report.codec.ReportDecodeException.Problem.BAD_TIMESTAMP;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.BODY_TOO_LARGE;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.DECOMPRESSED_TOO_LARGE;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.MALFORMED;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.STRING_TOO_LONG;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.TOO_DEEP;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.TOO_MANY_ENTRIES;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.TOO_MANY_NODES;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.TRUNCATED;
import static io.scopecloud.report.codec.ReportDecodeException.Problem.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed or hostile body gets its typed error, quickly and without holding the body in memory. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final long GIB = 1L << 30;

    record Case(String name, WireFormat format, boolean gzipped, DecodeLimits limits, Problem expected, String where) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        DecodeLimits d = DecodeLimits.defaults();
        return Stream.of(
                json("truncated JSON", "{\"TS\":\"2023-06-13T10:00:00Z\",\"Host\":{", d, TRUNCATED, ""),
                json("empty body", "", d, TRUNCATED, ""),
                json("not JSON", "{\"TS\":}", d, MALFORMED, ""),
                json("nul bytes", "\u0000\u0000\u0000", d, MALFORMED, ""),
                json("deep nesting in an unknown key", "{\"x\":" + "[".repeat(10_000), d, TOO_DEEP, ""),
                json("deep children", "{\"Host\":{\"nodes\":{\"a\":" + "{\"children\":[".repeat(40), d, TOO_DEEP, ""),
                json("huge string value", "{\"ID\":\"" + "a".repeat(2 << 20) + "\"}", d, STRING_TOO_LONG, ""),
                json("huge key", "{\"" + "k".repeat(2 << 20) + "\":1}", d, STRING_TOO_LONG, ""),
                json("bad timestamp", "{\"TS\":\"yesterday\"}", d, BAD_TIMESTAMP, "/TS"),
                json("impossible date", "{\"TS\":\"2023-02-30T00:00:00Z\"}", d, BAD_TIMESTAMP, "/TS"),
                json(
                        "bad latest timestamp",
                        "{\"Host\":{\"nodes\":{\"h;<host>\":{\"latest\":{\"os\":{\"timestamp\":\"2023\",\"value\":\"linux\"}}}}}}",
                        d,
                        BAD_TIMESTAMP,
                        "/Host/nodes/h;<host>/latest/os/timestamp"),
                json("timestamp as a number", "{\"TS\":12}", d, WRONG_TYPE, "/TS"),
                json("topology as a string", "{\"Host\":\"x\"}", d, WRONG_TYPE, "/Host"),
                json("window as a string", "{\"Window\":\"3s\"}", d, WRONG_TYPE, "/Window"),
                json("window as a fraction", "{\"Window\":1.5}", d, WRONG_TYPE, "/Window"),
                json(
                        "latest value as a number",
                        "{\"Host\":{\"nodes\":{\"h\":{\"latest\":{\"k\":{\"value\":1}}}}}}",
                        d,
                        WRONG_TYPE,
                        "/Host/nodes/h/latest/k/value"),
                json("adjacency as a map", "{\"Endpoint\":{\"nodes\":{\"e\":{\"adjacency\":{}}}}}", d, WRONG_TYPE, ""),
                json("root is an array", "[1,2]", d, WRONG_TYPE, ""),
                json("too many nodes", nodes(11), d.withMaxNodes(10), TOO_MANY_NODES, "/Process/nodes"),
                json("too many children", childNodes(11), d.withMaxNodes(10), TOO_MANY_NODES, ""),
                json(
                        "too many latest entries on one node",
                        latestEntries(2000),
                        d.withMaxEntries(1000),
                        TOO_MANY_ENTRIES,
                        "/Host/nodes/h;<host>/latest"),
                json(
                        "too many adjacency IDs on one node",
                        "{\"Endpoint\":{\"nodes\":{\"e\":{\"adjacency\":[" + "\"x\",".repeat(2000) + "\"y\"]}}}}",
                        d.withMaxEntries(1000),
                        TOO_MANY_ENTRIES,
                        "/Endpoint/nodes/e/adjacency"),
                json(
                        "body over the wire limit",
                        "{\"ID\":\"" + "a".repeat(5000) + "\"}",
                        d.withMaxCompressedBytes(1000),
                        BODY_TOO_LARGE,
                        ""),
                msgpack("msgpack root is an integer", "01", d, WRONG_TYPE),
                msgpack("msgpack never-used byte", "c1", d, MALFORMED),
                msgpack("msgpack truncated map", "82a25453", d, TRUNCATED),
                msgpack("msgpack ID as an integer", "81a2494401", d, WRONG_TYPE),
                msgpack("msgpack integer key", "810102", d, WRONG_TYPE),
                msgpack("msgpack str32 claiming 2 GiB", "81a24944db7fffffff", d, STRING_TOO_LONG),
                msgpack("msgpack deep arrays", "81a178" + "91".repeat(100_000), d, TOO_DEEP),
                msgpack("msgpack deep maps", "81a178" + "81a178".repeat(100), d, TOO_DEEP),
                msgpack("msgpack map32 claiming 2 billion entries", "df7fffffff", d, TRUNCATED),
                msgpack("msgpack map32 claiming 4 billion entries", "dfffffffff", d, MALFORMED),
                msgpack("msgpack TS of the wrong version", "81a25453af09" + "00".repeat(14), d, BAD_TIMESTAMP),
                msgpack("msgpack TS as a bool", "81a25453c3", d, WRONG_TYPE),
                msgpack("msgpack nodes as an array", "81a4486f737481a56e6f64657390", d, WRONG_TYPE),
                Arguments.of(
                        new Case(
                                "msgpack too many set members",
                                WireFormat.MSGPACK,
                                false,
                                d.withMaxEntries(1000),
                                TOO_MANY_ENTRIES,
                                "/Host/nodes/h/sets/k"),
                        msgpackSetMembers(2000)));
    }

    private static Arguments json(String name, String body, DecodeLimits limits, Problem expected, String where) {
        return Arguments.of(
                new Case(name, WireFormat.JSON, false, limits, expected, where), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments msgpack(String name, String hex, DecodeLimits limits, Problem expected) {
        return Arguments.of(
                new Case(name, WireFormat.MSGPACK, false, limits, expected, ""),
                HexFormat.of().parseHex(hex));
    }

    private static String latestEntries(int n) {
        StringBuilder sb = new StringBuilder("{\"Host\":{\"nodes\":{\"h;<host>\":{\"latest\":{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":{\"value\":\"v\"}");
        }
        return sb.append("}}}}}").toString();
    }

    /** {@code {"Host":{"nodes":{"h":{"sets":{"k":["0","1",...]}}}}}} in msgpack. */
    private static byte[] msgpackSetMembers(int n) {
        try (org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1).packString("Host").packMapHeader(1).packString("nodes");
            p.packMapHeader(1).packString("h").packMapHeader(1).packString("sets");
            p.packMapHeader(1).packString("k").packArrayHeader(n);
            for (int i = 0; i < n; i++) {
                p.packString(Integer.toString(i));
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String nodes(int n) {
        StringBuilder sb = new StringBuilder("{\"Process\":{\"nodes\":{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"h;").append(i).append("\":{\"topology\":\"process\"}");
        }
        return sb.append("}}}").toString();
    }

    private static String childNodes(int n) {
        StringBuilder sb = new StringBuilder("{\"Process\":{\"nodes\":{\"p\":{\"children\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\"}");
        }
        return sb.append("]}}}}").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithATypedError(Case c, byte[] body) {
        ReportDecodeException e = decodeFailure(new ByteArrayInputStream(body), c.format(), c.gzipped(), c.limits());

        assertThat(e.problem()).as(e.getMessage()).isEqualTo(c.expected());
        assertThat(e.getMessage()).contains(c.where());
    }

    @ParameterizedTest(name = "{0}, gzipped")
    @MethodSource("cases")
    void refusesTheSameWhenGzipped(Case c, byte[] body) {
        DecodeLimits limits = c.expected() == BODY_TOO_LARGE ? c.limits().withMaxCompressedBytes(30) : c.limits();
        ReportDecodeException e =
                decodeFailure(new ByteArrayInputStream(ReportEncoder.gzip(body)), c.format(), true, limits);

        assertThat(e.problem()).as(e.getMessage()).isEqualTo(c.expected());
    }

    @Test
    void stopsAOneGibibyteJsonGzipBombAtTheDecompressedLimit() {
        InputStream bomb = new RepeatingGzipStream("{", " ", GIB);

        ReportDecodeException e = decodeFailure(bomb, WireFormat.JSON, true, DecodeLimits.defaults());

        assertThat(e.problem()).isEqualTo(DECOMPRESSED_TOO_LARGE);
        assertThat(e.problem().tooLarge()).isTrue();
        assertThat(e.getMessage()).contains("decompressed body exceeds the limit of 104857600 bytes");
    }

    @Test
    void stopsAOneGibibyteMsgpackGzipBombAtTheDecompressedLimit() {
        // A map announcing 2^31-1 entries, each an empty (unknown) key with a nil value: valid for ever.
        byte[] prefix = HexFormat.of().parseHex("df7fffffff");
        byte[] pair = HexFormat.of().parseHex("a0c0");
        InputStream bomb = new RepeatingGzipStream(prefix, pair, GIB);

        ReportDecodeException e = decodeFailure(bomb, WireFormat.MSGPACK, true, DecodeLimits.defaults());

        assertThat(e.problem()).isEqualTo(DECOMPRESSED_TOO_LARGE);
    }

    @Test
    void stopsAGzipBombOfZeros() {
        InputStream bomb = new RepeatingGzipStream("", "\u0000", GIB);

        ReportDecodeException json = decodeFailure(bomb, WireFormat.JSON, true, DecodeLimits.defaults());

        assertThat(json.problem()).isEqualTo(MALFORMED); // a NUL byte is not JSON: refused at once
    }

    @Test
    void stopsABombAtTheCompressedLimitWhenThatComesFirst() {
        InputStream bomb = new RepeatingGzipStream("{", " ", GIB);

        ReportDecodeException e = decodeFailure(
                bomb, WireFormat.JSON, true, DecodeLimits.defaults().withMaxCompressedBytes(10_000));

        assertThat(e.problem()).isEqualTo(BODY_TOO_LARGE);
    }

    @Test
    void stopsAnEndlessUncompressedBodyAtTheWireLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) ' ');
                return len;
            }
        };

        ReportDecodeException e = decodeFailure(endless, WireFormat.JSON, false, DecodeLimits.defaults());

        assertThat(e.problem()).isEqualTo(BODY_TOO_LARGE);
    }

    @Test
    void refusesATruncatedGzipBody() {
        byte[] full = Fixtures.bytes("report-004.msgpack.gz");
        byte[] half = Arrays.copyOf(full, full.length / 2);

        ReportDecodeException e =
                decodeFailure(new ByteArrayInputStream(half), WireFormat.MSGPACK, true, DecodeLimits.defaults());

        assertThat(e.problem()).isEqualTo(TRUNCATED);
    }

    @Test
    void refusesABodyThatIsNotGzip() {
        byte[] plain = Fixtures.bytes("report-004.json");

        ReportDecodeException e =
                decodeFailure(new ByteArrayInputStream(plain), WireFormat.JSON, true, DecodeLimits.defaults());

        assertThat(e.problem()).isEqualTo(MALFORMED);
    }

    @Test
    void refusesTruncatedRealMsgpack() throws IOException {
        byte[] msgpack = new java.util.zip.GZIPInputStream(
                        new ByteArrayInputStream(Fixtures.bytes("report-004.msgpack.gz")))
                .readAllBytes();
        for (int cut : new int[] {1, 100, msgpack.length / 2, msgpack.length - 1}) {
            ReportDecodeException e = decodeFailure(
                    new ByteArrayInputStream(msgpack, 0, cut), WireFormat.MSGPACK, false, DecodeLimits.defaults());
            assertThat(e.problem()).as("cut at " + cut).isEqualTo(TRUNCATED);
        }
    }

    @Test
    void refusesTruncatedRealJson() {
        byte[] json = Fixtures.bytes("report-004.json");
        for (int cut : new int[] {1, 100, json.length / 2, json.length - 2}) {
            ReportDecodeException e = decodeFailure(
                    new ByteArrayInputStream(json, 0, cut), WireFormat.JSON, false, DecodeLimits.defaults());
            assertThat(e.problem()).as("cut at " + cut).isIn(TRUNCATED, MALFORMED);
        }
    }

    @Test
    void decodesMapsWithManyKeysWithoutQuadraticCost() throws Exception {
        int n = 100_000;
        StringBuilder sb = new StringBuilder("{\"DNS\":{");
        for (int i = n; i > 0; i--) { // reverse order: the decoder must sort, once
            sb.append(i == n ? "" : ",")
                    .append("\"10.")
                    .append(i >> 16)
                    .append('.')
                    .append((i >> 8) & 255);
            sb.append('.')
                    .append(i & 255)
                    .append("\":{\"forward\":[\"h")
                    .append(i)
                    .append("\"]}");
        }
        sb.append("},\"Host\":{\"nodes\":{\"h\":{\"sets\":{");
        for (int i = n; i > 0; i--) {
            sb.append(i == n ? "" : ",").append("\"k").append(i).append("\":[\"v\"]");
        }
        sb.append("}}}}}");

        var r = ReportDecoder.decode(
                sb.toString().getBytes(StandardCharsets.UTF_8), WireFormat.JSON, false, DecodeLimits.defaults());

        assertThat(r.dns()).hasSize(n);
        assertThat(r.topology(io.scopecloud.report.TopologyType.HOST)
                        .nodes()
                        .get("h")
                        .sets())
                .hasSize(n);
    }

    @Test
    void countsNoEntriesUnderUnknownKeys() throws Exception {
        String body = "{\"Probes\":{" + "\"x\":[1,2,3],".repeat(2000) + "\"y\":1},\"ID\":\"r\"}";

        var r = ReportDecoder.decode(
                body.getBytes(StandardCharsets.UTF_8),
                WireFormat.JSON,
                false,
                DecodeLimits.defaults().withMaxEntries(10));

        assertThat(r.id()).isEqualTo("r");
    }

    @Test
    void refusesACompactReportWithTooManyEntriesBeforeReadingThem() {
        io.scopecloud.report.Report r = io.scopecloud.report.Report.builder()
                .node(
                        io.scopecloud.report.TopologyType.ENDPOINT,
                        io.scopecloud.report.Node.builder("e", "endpoint")
                                .adjacency(java.util.stream.IntStream.range(0, 2000)
                                        .mapToObj(Integer::toString)
                                        .toList())
                                .build())
                .build();
        byte[] compact = CompactReportCodec.encode(r);

        ReportDecodeException e = catchThrowableOfType(
                ReportDecodeException.class,
                () -> CompactReportCodec.decode(compact, DecodeLimits.defaults().withMaxEntries(1000)));

        assertThat(e).isNotNull();
        assertThat(e.problem()).isEqualTo(TOO_MANY_ENTRIES);
        assertThat(e.problem().tooLarge()).isTrue();
    }

    @Test
    void refusesACompactArrayClaimingTwoBillionElementsWithoutAllocating() {
        // The plugins array of a report (its sixth field) announces 2^31-1 specs; the body ends right there.
        byte[] hostile = HexFormat.of().parseHex("01" + "9a" + "c0" + "00" + "c2" + "a0" + "00" + "00" + "dd7fffffff");

        ReportDecodeException e = catchThrowableOfType(
                ReportDecodeException.class, () -> CompactReportCodec.decode(hostile, DecodeLimits.defaults()));

        assertThat(e).isNotNull();
        assertThat(e.problem()).isEqualTo(TOO_MANY_ENTRIES);
    }

    @Test
    void decodesTrustedCompactReportsWithoutLimits() throws Exception {
        io.scopecloud.report.Report r = io.scopecloud.report.Report.builder()
                .node(
                        io.scopecloud.report.TopologyType.ENDPOINT,
                        io.scopecloud.report.Node.builder("e", "endpoint")
                                .adjacency(java.util.stream.IntStream.range(0, 2000)
                                        .mapToObj(Integer::toString)
                                        .toList())
                                .build())
                .build();

        assertThat(CompactReportCodec.decode(CompactReportCodec.encode(r))).isEqualTo(r);
    }

    @Test
    void acceptsIntegersWhereFloatsAreExpectedAndIgnoresUnknownKeys() throws Exception {
        String body = "{\"Probes\":{\"x\":1},\"Host\":{\"nodes\":{\"h;<host>\":{\"topology\":\"host\",\"controls\":{},"
                + "\"metrics\":{\"m\":{\"samples\":[{\"date\":\"2023-06-13T10:00:00+02:00\",\"value\":3}],"
                + "\"min\":0,\"max\":100,\"first\":\"x\",\"last\":\"y\"}},\"whatever\":[[[]]]}}}}";

        var r = ReportDecoder.decode(
                body.getBytes(StandardCharsets.UTF_8), WireFormat.JSON, false, DecodeLimits.defaults());

        var metric = r.topology(io.scopecloud.report.TopologyType.HOST)
                .nodes()
                .get("h;<host>")
                .metrics()
                .get("m");
        assertThat(metric.samples()).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(3.0);
            assertThat(s.date()).isEqualTo(java.time.Instant.parse("2023-06-13T08:00:00Z"));
        });
        assertThat(metric.max()).isEqualTo(100.0);
    }

    private static ReportDecodeException decodeFailure(
            InputStream body, WireFormat format, boolean gzipped, DecodeLimits limits) {
        ReportDecodeException e = catchThrowableOfType(
                ReportDecodeException.class, () -> ReportDecoder.decode(body, format, gzipped, limits));
        assertThat(e).as("expected a ReportDecodeException").isNotNull();
        return e;
    }

    @Test
    void errorMessagesSayWhere() {
        ByteArrayOutputStream unused = new ByteArrayOutputStream();
        assertThat(unused.size()).isZero();
        ReportDecodeException e = decodeFailure(
                new ByteArrayInputStream(
                        "{\"Host\":{\"nodes\":{\"h;<host>\":{\"sets\":{\"local_networks\":\"10.0.0.0/8\"}}}}}"
                                .getBytes(StandardCharsets.UTF_8)),
                WireFormat.JSON,
                false,
                DecodeLimits.defaults());

        assertThat(e.getMessage())
                .isEqualTo("WRONG_TYPE: expected an array, found a string at /Host/nodes/h;<host>/sets/local_networks");
    }
}
