package io.scopecloud.report.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.report.Control;
import io.scopecloud.report.GoTime;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins the details a real Scope app depends on: key names and casing, nulls, number and time formats. */
class WireEncodingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T = Instant.parse("2023-06-13T10:00:00.4Z");

    private static Report sample() {
        return Report.builder()
                .id("812")
                .ts(Instant.parse("2023-06-13T10:00:00.5Z"))
                .windowNanos(3_000_000_000L)
                .node(
                        TopologyType.HOST,
                        Node.builder("h1;<host>", "host")
                                .latest("control_probe_id", T, "3f2a9c")
                                .set("local_networks", "10.0.0.0/24")
                                .parent("host", "h1;<host>")
                                .metric("cpu", 3.5, 100, new io.scopecloud.report.Sample(T, 3.5))
                                .build())
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";10.0.0.5;51234", "endpoint").build())
                .build()
                .withTopology(
                        TopologyType.CONTAINER,
                        Topology.builder(TopologyType.CONTAINER)
                                .control(new Control("docker_stop_container", "Stop", "fa fa-stop", 10))
                                .tableTemplate(new TableTemplate(
                                        "docker_label_", "Docker labels", "docker_label_", "", List.of(), Map.of()))
                                .build());
    }

    @Test
    void writesScopesKeysAndNulls() throws Exception {
        JsonNode json = MAPPER.readTree(ReportEncoder.toJson(sample()));

        assertThat(json.get("TS").asText()).isEqualTo("2023-06-13T10:00:00.5Z");
        assertThat(json.get("Window").asLong()).isEqualTo(3_000_000_000L);
        assertThat(json.get("Plugins").isArray()).isTrue();
        assertThat(json.get("Sampling").get("Count").asInt()).isZero();
        assertThat(json.has("DNS")).isFalse();
        assertThat(json.get("Namespace").isEmpty()).isTrue();
        assertThat(json.get("Host").get("label_plural").asText()).isEqualTo("hosts");
        JsonNode host = json.get("Host").get("nodes").get("h1;<host>");
        assertThat(host.get("latest").get("control_probe_id").get("timestamp").asText())
                .isEqualTo("2023-06-13T10:00:00.4Z");
        assertThat(host.get("metrics").get("cpu").get("max").asDouble()).isEqualTo(100.0);
        JsonNode endpoint = json.get("Endpoint").get("nodes").get(";10.0.0.5;51234");
        assertThat(endpoint.get("sets").isNull()).isTrue();
        assertThat(endpoint.get("parents").isNull()).isTrue();
        assertThat(endpoint.get("children").isNull()).isTrue();
        assertThat(endpoint.has("adjacency")).isFalse();
        assertThat(endpoint.has("latest")).isFalse();
        JsonNode stop = json.get("Container").get("controls").get("docker_stop_container");
        assertThat(stop.get("rank").asInt()).isEqualTo(10);
        assertThat(stop.has("confirmation")).isFalse();
        JsonNode table = json.get("Container").get("table_templates").get("docker_label_");
        assertThat(table.get("columns").isNull()).isTrue();
        assertThat(table.get("fixedRows").isNull()).isTrue();
        assertThat(table.get("type").asText()).isEmpty();
    }

    @Test
    void escapesLikeGo() {
        String json = new String(ReportEncoder.toJson(sample()), StandardCharsets.UTF_8);

        assertThat(json).contains("\"h1;\\u003chost\\u003e\"").doesNotContain("<host>");
    }

    @Test
    void writesMsgpackTimesAsGoBinaryInsideAStr() {
        byte[] msgpack =
                ReportEncoder.toMsgpack(Report.empty().withTs(Instant.parse("2026-11-23T00:17:09.772729552Z")));

        // map16 of 29 keys (no DNS), "TS", then fixstr(15): version 1, seconds since year 1, nanos, offset -1 (UTC).
        assertThat(HexFormat.of().formatHex(msgpack, 0, 22)).isEqualTo("de001da25453af010000000ee2957d052e0eead0ffff");
    }

    @Test
    void writesOldSpecMsgpackWithoutStr8() {
        String id = "x".repeat(100); // str8 would be d9 64; the old spec uses str16 (da 0064)
        byte[] msgpack = ReportEncoder.toMsgpack(Report.empty().withId(id));

        assertThat(HexFormat.of().formatHex(msgpack)).contains("a24944da0064").doesNotContain("a24944d964");
    }

    @Test
    void readsTheRealProbesTimestamps() throws Exception {
        // From report-004.msgpack.gz: zone offset 0 (not -1), as a Go probe with a UTC Local writes it.
        byte[] body = HexFormat.of().parseHex("81a25453af010000000ee2957d052e0eead00000");

        Report r = ReportDecoder.decode(body, WireFormat.MSGPACK, false, DecodeLimits.defaults());

        assertThat(r.ts()).isEqualTo(Instant.parse("2026-11-23T00:17:09.772729552Z"));
    }

    @Test
    void writesGoZeroTime() {
        assertThat(GoTimes.format(GoTime.ZERO)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(HexFormat.of().formatHex(GoTimes.marshalBinary(GoTime.ZERO)))
                .isEqualTo("01" + "0000000000000000" + "00000000" + "ffff");
    }

    @ParameterizedTest
    @CsvSource({
        "2023-06-13T10:00:00.5Z, 2023-06-13T10:00:00.5Z",
        "2023-06-13T10:00:00Z, 2023-06-13T10:00:00Z",
        "2023-06-13T12:00:00.000000001+02:00, 2023-06-13T10:00:00.000000001Z",
        "2024-02-29T23:59:59.123456789-05:30, 2024-03-01T05:29:59.123456789Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
    })
    void parsesAndFormatsRfc3339(String text, String normalised) {
        Instant t = GoTimes.parse(text);

        assertThat(t).isEqualTo(Instant.parse(normalised));
        assertThat(GoTimes.format(t)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({"2023-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2023-06-13 10:00:00Z", "2023-06-13T24:00:00Z", "x"})
    void refusesBadTimes(String text) {
        assertThat(GoTimes.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "100, 100.0",
        "0, 0.0",
        "0.86, 0.86",
        "1024, 1024.0",
        "20000, 20000.0",
        "88866816, 8.8866816E+07",
        "25276063744, 2.5276063744E+10",
        "1.8446744073709552E19, 1.8446744073709552E+19",
        "0.0001, 0.0001",
        "0.00001, 1E-05",
        "-3.5, -3.5",
        "123456, 123456.0",
        "1234567, 1.234567E+06",
    })
    void formatsFloatsLikeScope(double value, String expected) {
        assertThat(GoFloats.format(value)).isEqualTo(expected);
        assertThat(Double.parseDouble(GoFloats.format(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({
        "application/json, JSON",
        "application/json; charset=utf-8, JSON",
        "application/msgpack, MSGPACK",
        "Application/MsgPack, MSGPACK",
    })
    void picksTheFormatByContentType(String contentType, WireFormat format) {
        assertThat(WireFormat.fromContentType(contentType)).contains(format);
    }

    @Test
    void refusesOtherContentTypes() {
        assertThat(WireFormat.fromContentType("text/plain")).isEmpty();
        assertThat(WireFormat.fromContentType(null)).isEmpty();
    }

    @Test
    void compactCodecStartsWithItsVersionAndRefusesOthers() throws Exception {
        byte[] bytes = CompactReportCodec.encode(sample());

        assertThat(bytes[0]).isEqualTo((byte) CompactReportCodec.FORMAT_VERSION);
        bytes[0] = 99;
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ReportDecodeException.class, () -> CompactReportCodec.decode(bytes));
        assertThat(e.problem()).isEqualTo(ReportDecodeException.Problem.MALFORMED);
        assertThat(e.getMessage()).contains("version 99");
    }

    @Test
    void compactCodecReportsDamage() {
        byte[] bytes = CompactReportCodec.encode(sample());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ReportDecodeException.class, () -> CompactReportCodec.decode(cut));

        assertThat(e.problem()).isEqualTo(ReportDecodeException.Problem.TRUNCATED);
    }

    @Test
    void compactIsSmallerThanMsgpack() throws Exception {
        Report r = Fixtures.decode("report-004.msgpack.gz");

        assertThat(CompactReportCodec.encode(r).length).isLessThan(ReportEncoder.toMsgpack(r).length);
    }

    /**
     * Strings of every msgpack length class, ASCII and not, survive the compact form: it packs each through
     * {@code getBytes} (msgpack-core's default sends those of 512 characters and more through a CharsetEncoder).
     */
    @ParameterizedTest
    @CsvSource({"31", "255", "511", "512", "4000", "65535", "70000"})
    void compactCodecCarriesLongAndNonAsciiStrings(int length) throws Exception {
        String ascii = "a".repeat(length);
        String accented = "é".repeat(length);
        String astral = "\uD83D\uDE00".repeat(length / 2 + 1) + "x";
        Report r = Report.builder()
                .id("long-strings")
                .node(
                        TopologyType.PROCESS,
                        Node.builder("h1;" + length, "process")
                                .latest("cmdline", T, ascii)
                                .latest("name", T, accented)
                                .latest("label", T, astral)
                                .build())
                .build();

        Report back = CompactReportCodec.decode(CompactReportCodec.encode(r));

        assertThat(back).isEqualTo(r);
        Node n = back.topology(TopologyType.PROCESS).nodes().get("h1;" + length);
        assertThat(n.latestValue("cmdline")).contains(ascii);
        assertThat(n.latestValue("name")).contains(accented);
        assertThat(n.latestValue("label")).contains(astral);
    }
}
