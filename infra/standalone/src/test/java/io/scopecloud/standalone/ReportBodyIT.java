package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scopecloud.tenancy.org.Org;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How {@code POST /api/report} reads its body with the production limits (10 MiB on the wire, 100 MiB inflated):
 * gzip is undone by the report decoder, never by the server's gzip handler, and every bad body is a 4xx with a
 * message (docs/SECURITY.md, "Report bodies").
 */
class ReportBodyIT {
    private static final String JSON = "application/json";
    private static final long MAX_BODY = 10L * 1024 * 1024;
    /** More than the other tests post to their org, so that only the quota test reaches it. */
    private static final int PER_MINUTE = 30;
    /** Probes per org: the other tests post as one probe. */
    private static final int PROBES = 3;
    /** Nodes per org and minute: more than the other tests' reports carry, fewer than two 15,000-node reports. */
    private static final int NODES_PER_MINUTE = 25_000;

    private static StandaloneTestApp app;
    private static ServiceClient client;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneTestApp.builder()
                .realProbeLimits()
                .set("ingest.maxReportsPerOrgPerMinute", Integer.toString(PER_MINUTE))
                .set("ingest.maxProbesPerOrg", Integer.toString(PROBES))
                .set("ingest.maxNodesPerOrgPerMinute", Integer.toString(NODES_PER_MINUTE))
                .start();
        client = app.client();
        Org org = app.tenancy().orgs().create("Bodies");
        token = app.tenancy().probeTokens().issue(org.id(), "bodies", null).secret();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void acceptsAGzippedReportThatInflatesBeyondTheWireLimit() throws IOException {
        byte[] json = reportWithProcesses(11_000);
        byte[] gzipped = ServiceClient.gzip(json);
        assertThat(json.length).isGreaterThan((int) MAX_BODY);
        assertThat(gzipped.length).isLessThan((int) MAX_BODY);

        HttpResponse<String> posted = client.postReport(token, JSON, "gzip", gzipped);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    }

    @Test
    void refusesAGzipBombAtTheDecompressedLimit() throws IOException {
        HttpResponse<String> bomb = client.postReport(token, JSON, "gzip", gzippedWhitespace(128 * 1024 * 1024));

        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(bomb.body()).contains("decompressed body exceeds the limit of " + 100 * 1024 * 1024);
    }

    @Test
    void refusesCorruptGzipWith400() {
        byte[] gzipped = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));
        byte[] corrupt = Arrays.copyOf(gzipped, gzipped.length);
        for (int i = 100; i < 200; i++) {
            corrupt[i] = (byte) 0xff;
        }
        HttpResponse<String> posted = client.postReport(token, JSON, "gzip", corrupt);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(400);
        assertThat(posted.body()).contains("invalid report").contains("gzip");

        HttpResponse<String> notGzip = client.postReport(token, JSON, "gzip", ReportSliceIT.fixture("report-004.json"));
        assertThat(notGzip.statusCode()).as(notGzip.body()).isEqualTo(400);
        assertThat(notGzip.body()).contains("bad gzip data");
    }

    @Test
    void refusesBodiesThatAreNotReports() {
        for (String body : new String[] {"null", "{}", "{\"hello\":1}"}) {
            HttpResponse<String> posted = client.postReport(token, JSON, null, body.getBytes(StandardCharsets.UTF_8));
            assertThat(posted.statusCode()).as(body).isEqualTo(400);
            assertThat(posted.body()).as(body).contains("invalid report");
        }
        HttpResponse<String> gzippedEmpty =
                client.postReport(token, JSON, "gzip", ServiceClient.gzip("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(gzippedEmpty.statusCode()).isEqualTo(400);
    }

    @Test
    void refusesUnknownContentEncodingsWith415() {
        for (String encoding : new String[] {"br", "deflate", "gzip, gzip"}) {
            HttpResponse<String> posted =
                    client.postReport(token, JSON, encoding, ReportSliceIT.fixture("report-004.json"));
            assertThat(posted.statusCode()).as(encoding).isEqualTo(415);
            assertThat(posted.body()).as(encoding).contains("Unsupported Content-Encoding");
        }
        HttpResponse<String> identity =
                client.postReport(token, JSON, "identity", ReportSliceIT.fixture("report-004.json"));
        assertThat(identity.statusCode()).as(identity.body()).isEqualTo(200);
    }

    @Test
    void refusesAnOrgsReportsBeyondItsQuotaWith429AndNotAnotherOrgs() {
        Org chatty = app.tenancy().orgs().create("Chatty");
        String chattyToken =
                app.tenancy().probeTokens().issue(chatty.id(), "chatty", null).secret();
        byte[] report = ReportSliceIT.fixture("report-004.json");
        // The quota refills as the posts go (one report per 2 s here): a few more than a minute's worth pass.
        int accepted = 0;
        HttpResponse<String> refused = client.postReport(chattyToken, JSON, null, report);
        while (refused.statusCode() == 200 && accepted < 2 * PER_MINUTE) {
            accepted++;
            refused = client.postReport(chattyToken, JSON, null, report);
        }

        assertThat(accepted).isBetween(PER_MINUTE, 2 * PER_MINUTE - 1);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("more than " + PER_MINUTE + " reports in a minute");
        assertThat(client.postReport(token, JSON, null, report).statusCode())
                .as("another org")
                .isEqualTo(200);
    }

    @Test
    void refusesAProbeBeyondTheOrgsProbeQuotaWith429AndKeepsTheOthersReporting() {
        String fleetToken = tokenOfNewOrg("Fleet");
        byte[] report = ReportSliceIT.fixture("report-004.json");
        for (int i = 1; i <= PROBES; i++) {
            assertThat(client.postReport(fleetToken, "probe-" + i, JSON, null, report)
                            .statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> refused = client.postReport(fleetToken, "probe-4", JSON, null, report);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("already has " + PROBES + " probes reporting");
        assertThat(client.postReport(fleetToken, "probe-1", JSON, null, report).statusCode())
                .as("a probe already reporting")
                .isEqualTo(200);
        assertThat(client.postReport(token, "probe-4", JSON, null, report).statusCode())
                .as("another org")
                .isEqualTo(200);
    }

    @Test
    void refusesAnOrgsNodesBeyondItsQuotaWith429AndNotAnotherOrgs() throws IOException {
        String bigToken = tokenOfNewOrg("Big");
        byte[] big = ServiceClient.gzip(reportWithProcesses(15_000));
        assertThat(client.postReport(bigToken, JSON, "gzip", big).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = client.postReport(bigToken, JSON, "gzip", big);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("more than " + NODES_PER_MINUTE + " nodes in a minute");
        assertThat(client.postReport(tokenOfNewOrg("Small"), JSON, "gzip", big).statusCode())
                .as("another org")
                .isEqualTo(200);
    }

    private static String tokenOfNewOrg(String name) {
        Org org = app.tenancy().orgs().create(name);
        return app.tenancy()
                .probeTokens()
                .issue(org.id(), name.toLowerCase(Locale.ROOT), null)
                .secret();
    }

    /** The fixture's report (a real probe's) with {@code count} more process nodes shaped like its first one. */
    private static byte[] reportWithProcesses(int count) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode report = (ObjectNode) mapper.readTree(ReportSliceIT.fixture("report-004.json"));
        ObjectNode nodes = (ObjectNode) report.get("Process").get("nodes");
        Map.Entry<String, JsonNode> first = nodes.properties().iterator().next();
        for (int pid = 100_000; pid < 100_000 + count; pid++) {
            ObjectNode node = first.getValue().deepCopy();
            String id = "vm;" + pid;
            node.put("id", id);
            ObjectNode latest = (ObjectNode) node.get("latest");
            ((ObjectNode) latest.get("pid")).put("value", Integer.toString(pid));
            ((ObjectNode) latest.get("cmdline"))
                    .put("value", "/usr/local/bin/worker --instance=" + pid + " --config=/etc/worker/" + pid + ".yaml");
            nodes.set(id, node);
        }
        return mapper.writeValueAsBytes(report);
    }

    /** Valid JSON that inflates to {@code size} bytes of whitespace: only the decompressed limit stops it. */
    private static byte[] gzippedWhitespace(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write('{');
            byte[] spaces = new byte[64 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            for (int written = 0; written < size; written += spaces.length) {
                gz.write(spaces);
            }
            gz.write('}');
        }
        return out.toByteArray();
    }
}
