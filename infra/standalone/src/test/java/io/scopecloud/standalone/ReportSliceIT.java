package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first slice end to end, on a real PostgreSQL and Kafka: a probe's report goes through
 * ingest, Kafka and query, and comes back merged and rendered, to its own org only.
 */
class ReportSliceIT {
    private static final String JSON = "application/json";
    private static final String MSGPACK = "application/msgpack";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

    private static StandaloneTestApp app;
    private static ServiceClient client;
    private static Org orgA;
    private static String tokenA;
    private static Org orgB;
    private static String tokenB;

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneTestApp.builder().partitions(3).start();
        client = app.client();

        Tenancy tenancy = app.tenancy();
        orgA = tenancy.orgs().create("Org A");
        tokenA = tenancy.probeTokens().issue(orgA.id(), "a", null).secret();
        orgB = tenancy.orgs().create("Org B");
        tokenB = tenancy.probeTokens().issue(orgB.id(), "b", null).secret();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void acceptsGzippedJsonAndServesItMergedAndRendered() throws Exception {
        HttpResponse<String> posted =
                client.postReport(tokenA, JSON, "gzip", ServiceClient.gzip(fixture("report-004.json")));
        assertThat(posted.statusCode()).isEqualTo(200);

        HttpResponse<String> hosts = client.awaitGet(
                hostsPath(orgA),
                tokenA,
                r -> r.statusCode() == 200 && r.body().contains("vm;\\u003chost\\u003e"),
                VISIBLE_WITHIN);
        assertThat(hosts.body()).contains("\"label\":\"vm\"").contains("\"shape\":\"circle\"");

        HttpResponse<String> report = client.get("/api/app/" + orgA.externalId() + "/api/report", tokenA);
        assertThat(report.statusCode()).isEqualTo(200);
        // Scope's JSON codec escapes '<' and '>' as Go does.
        assertThat(report.body()).contains("\"Host\"").contains("vm;\\u003chost\\u003e");
    }

    @Test
    void acceptsGzippedMsgpackAsRealProbesSendIt() {
        HttpResponse<String> posted = client.postReport(tokenA, MSGPACK, "gzip", fixture("report-004.msgpack.gz"));
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEmpty();
    }

    @Test
    void rejectsMissingAndUnknownTokensWith401() {
        byte[] body = ServiceClient.gzip(fixture("report-004.json"));
        HttpResponse<String> missing = client.postReport(null, JSON, "gzip", body);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("missing probe token");

        HttpResponse<String> wrong = client.postReport("scp_not-a-real-token", JSON, "gzip", body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not recognised");
    }

    @Test
    void rejectsOversizedBodiesAndGzipBombsWith413() throws IOException {
        HttpResponse<String> big = client.postReport(tokenA, JSON, null, new byte[3 * 1024 * 1024]);
        assertThat(big.statusCode()).as(big.body()).isEqualTo(413);

        HttpResponse<String> bomb = client.postReport(tokenA, JSON, "gzip", gzippedWhitespaceReport(64 * 1024 * 1024));
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(bomb.body()).contains("invalid report");
    }

    @Test
    void rejectsMalformedBodiesAndUnknownContentTypesWith400() {
        HttpResponse<String> malformed =
                client.postReport(tokenA, JSON, null, "{\"Host\": {\"nodes\": [".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("invalid report");

        HttpResponse<String> wrongType =
                client.postReport(tokenA, "text/plain", null, "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("Unsupported Content-Type");
    }

    @Test
    void keepsOrgsApart() throws Exception {
        assertThat(client.postReport(tokenA, JSON, "gzip", ServiceClient.gzip(fixture("report-004.json")))
                        .statusCode())
                .isEqualTo(200);
        client.awaitGet(hostsPath(orgA), tokenA, r -> r.body().contains("\"label\":\"vm\""), VISIBLE_WITHIN);

        assertThat(client.get(hostsPath(orgA), tokenB).statusCode()).isEqualTo(404);
        assertThat(client.get("/api/app/" + orgA.externalId() + "/api/report", tokenB)
                        .statusCode())
                .isEqualTo(404);
        assertThat(client.get(hostsPath(orgA), null).statusCode()).isEqualTo(401);

        HttpResponse<String> bView = client.get(hostsPath(orgB), tokenB);
        assertThat(bView.statusCode()).isEqualTo(200);
        assertThat(bView.body()).isEqualTo("{\"nodes\":{}}");
    }

    private static String hostsPath(Org org) {
        return "/api/app/" + org.externalId() + "/api/topology/hosts";
    }

    static byte[] fixture(String name) {
        try (InputStream in = ReportSliceIT.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid JSON that inflates to {@code size} bytes of whitespace: only the decompressed limit stops it. */
    private static byte[] gzippedWhitespaceReport(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write('{');
            byte[] spaces = new byte[64 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int written = 0; written < size; written += spaces.length) {
                gz.write(spaces);
            }
            gz.write('}');
        }
        return out.toByteArray();
    }
}
