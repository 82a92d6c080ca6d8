package io.scopecloud.probe.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.testing.Fixtures;
import io.scopecloud.report.Node;
import io.scopecloud.report.PluginSpec;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PluginTest {
    private static final Path SOCKET = Path.of("/var/run/scope/plugins/iowait/iowait.sock");
    private static final String IOWAIT = new String(Fixtures.bytes("iowait_report.json"), StandardCharsets.UTF_8);

    private static Plugin plugin(FakeUnixHttpClient client) {
        return new Plugin("iowait", SOCKET, "60a4c0caa413a3ff", client, new JsonReportParser());
    }

    @Test
    void pollsTheReportAsScopesProbeDoes() {
        FakeUnixHttpClient client = new FakeUnixHttpClient().answer(200, IOWAIT);

        Report report = plugin(client).report();

        FakeUnixHttpClient.Call call = client.calls.get(0);
        assertThat(call.socket()).isEqualTo(SOCKET);
        assertThat(call.request().method()).isEqualTo("GET");
        assertThat(call.request().target()).isEqualTo("/report?api_version=1&probe_id=60a4c0caa413a3ff");
        assertThat(call.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(call.maxBodyBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(report.plugins())
                .containsExactly(new PluginSpec(
                        "iowait",
                        "iowait",
                        "Adds a graph of CPU IO Wait to hosts",
                        List.of("reporter", "controller"),
                        "1",
                        "ok"));
        Node host = report.topology(TopologyType.HOST).nodes().get("vm;<host>");
        assertThat(host.metrics()).containsKey("idle");
        // the legacy latestControls became active_controls (the live control only)
        assertThat(host.latestValue("active_controls")).contains("switchToIOWait");
    }

    static Stream<Arguments> badReports() {
        String spec = "{\"id\":\"iowait\",\"label\":\"iowait\",\"interfaces\":[\"reporter\"],\"api_version\":\"1\"}";
        return Stream.of(
                Arguments.of(500, "{}", "error: plugin returned non-200 status code: 500 Internal Server Error"),
                Arguments.of(200, "not json", "error: decoding error: "),
                Arguments.of(200, "{\"Plugins\":[]}", "error: report must contain exactly one plugin (found 0)"),
                Arguments.of(
                        200,
                        "{\"Plugins\":[" + spec + "," + spec.replace("iowait", "other") + "]}",
                        "error: report must contain exactly one plugin (found 2)"),
                Arguments.of(
                        200,
                        "{\"Plugins\":[" + spec.replace("\"id\":\"iowait\"", "\"id\":\"other\"") + "]}",
                        "error: plugin must not change its id (is \"other\", should be \"iowait\")"),
                Arguments.of(
                        200,
                        "{\"Plugins\":[" + spec.replace("\"api_version\":\"1\"", "\"api_version\":\"2\"") + "]}",
                        "error: incorrect API version: expected \"1\", got \"2\""),
                Arguments.of(
                        200,
                        "{\"Plugins\":[" + spec.replace("\"label\":\"iowait\"", "\"label\":\"\"") + "]}",
                        "error: spec must contain a label"),
                Arguments.of(
                        200,
                        "{\"Plugins\":[" + spec.replace("[\"reporter\"]", "[\"controller\"]") + "]}",
                        "error: spec must implement the \"reporter\" interface"));
    }

    @ParameterizedTest
    @MethodSource("badReports")
    void reportsOnlyItsSpecWithTheErrorWhenAnythingIsWrong(int status, String body, String expectedStatus) {
        FakeUnixHttpClient client = new FakeUnixHttpClient().answer(status, body);
        Report report = plugin(client).report();

        assertThat(report.plugins()).hasSize(1);
        assertThat(report.plugins().get(0).id()).isEqualTo("iowait");
        assertThat(report.plugins().get(0).status()).startsWith(expectedStatus);
        assertThat(report.nodeCount()).isZero();
    }

    @Test
    void discardsTheDataOfAnInvalidReport() {
        String invalid = IOWAIT.replace("\"api_version\":\"1\"", "\"api_version\":\"0\"");
        Report report = plugin(new FakeUnixHttpClient().answer(200, invalid)).report();

        assertThat(report.nodeCount()).isZero();
        assertThat(report.plugins().get(0).status())
                .isEqualTo("error: incorrect API version: expected \"1\", got \"0\"");
        // the spec the plugin sent is the one shown, as Scope does
        assertThat(report.plugins().get(0).description()).isEqualTo("Adds a graph of CPU IO Wait to hosts");
    }

    @Test
    void reportsTransportFailuresAsErrors() {
        Report report = plugin(new FakeUnixHttpClient().fail(new IOException("read timed out")))
                .report();

        assertThat(report.plugins().get(0).status())
                .isEqualTo(
                        "error: Get \"http://plugin/report?api_version=1&probe_id=60a4c0caa413a3ff\": read timed out");
        assertThat(report.plugins().get(0).label()).isEqualTo("iowait");
    }

    @Test
    void reportsOverLongResponsesInScopesWords() {
        Report report = plugin(new FakeUnixHttpClient().fail(new IOException(SocketChannelHttpClient.TOO_LARGE)))
                .report();

        assertThat(report.plugins().get(0).status()).isEqualTo("error: response must be shorter than 50MB");
    }

    @Test
    void postsControlsWithScopesBodyAndReadsTheShortcutReport() {
        String after = new String(Fixtures.bytes("iowait_report_after_switchToIOWait.json"), StandardCharsets.UTF_8);
        FakeUnixHttpClient client = new FakeUnixHttpClient()
                .answer(200, IOWAIT)
                .answer(200, "{\"value\":\"done\",\"shortcutReport\":" + after + "}");
        Plugin plugin = plugin(client);
        plugin.report();

        PluginResponse response = plugin.control(
                new ControlRequest("3889987ea0042f96", "vm;<host>", "switchToIOWait", Map.of("arg1", "v1")));

        FakeUnixHttpClient.Call call = client.calls.get(1);
        assertThat(call.request().method()).isEqualTo("POST");
        assertThat(call.request().target()).isEqualTo("/control?api_version=1&probe_id=60a4c0caa413a3ff");
        assertThat(call.request().contentType()).isEqualTo("application/json");
        assertThat(new String(call.request().body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"AppID\":\"3889987ea0042f96\",\"NodeID\":\"vm;<host>\",\"Control\":\"switchToIOWait\","
                        + "\"ControlArgs\":{\"arg1\":\"v1\"}}");
        assertThat(response.response().value().asText()).isEqualTo("done");
        assertThat(response.shortcutReport()).isPresent();
        assertThat(response.shortcutReport()
                        .get()
                        .topology(TopologyType.HOST)
                        .nodes()
                        .get("vm;<host>")
                        .metrics())
                .containsKey("iowait");
        assertThat(plugin.spec().status()).isEqualTo("ok");
    }

    @Test
    void refusesControlsWhenNotAController() {
        String reporterOnly = IOWAIT.replace("[\"reporter\",\"controller\"]", "[\"reporter\"]");
        Plugin plugin = plugin(new FakeUnixHttpClient().answer(200, reporterOnly));
        plugin.report();

        PluginResponse response = plugin.control(new ControlRequest("", "n", "switchToIOWait", null));

        assertThat(response.response().error())
                .isEqualTo("the iowait plugin does not implement the controller interface");
        assertThat(plugin.spec().status()).startsWith("error: ");
    }
}
