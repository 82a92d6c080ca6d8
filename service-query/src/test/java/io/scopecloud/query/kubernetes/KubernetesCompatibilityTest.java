package io.scopecloud.query.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.topology.TopologyRegistry;
import io.scopecloud.query.topology.Views;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden test for Kubernetes: the merged report Weave Scope 1.13's app held for a small cluster
 * (reported by Scope's own cluster- and host-role probes) renders, for every view URL the app was
 * asked (pods, kube-controllers, services, containers, hosts; no options, defaults, each
 * namespace, a union, storage, snapshot and pseudo shown) and every node detail, exactly what the
 * app answered ({@code urls.tsv}).
 */
class KubernetesCompatibilityTest {
    private static final String DIR = "scope-1.13-kubernetes/";
    private static final Views VIEWS = new Views(new TopologyRegistry());
    /** When the app was asked (the first fetch): its 15 s window held all 9 posts. */
    private static final Instant FETCHED = Instant.parse("2026-12-05T22:05:23.116Z");

    static Stream<Arguments> urls() {
        List<Arguments> urls = new ArrayList<>();
        String tsv = new String(Fixtures.bytes(DIR + "urls.tsv"), StandardCharsets.UTF_8);
        for (String line : tsv.lines().skip(1).toList()) {
            String[] cols = line.split("\t");
            String file = cols[0];
            String url = cols[1];
            if (file.startsWith("expected-topology") || file.equals("expected-report.json")) {
                continue;
            }
            urls.add(Arguments.of(file, url));
        }
        return urls.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void rendersAsScopesAppDid(String file, String url) {
        RenderContext ctx = new RenderContext(Fixtures.report(DIR + "expected-report.json"), FETCHED);
        assertThat(render(ctx, url)).isEqualTo(Fixtures.json(DIR + file));
    }

    /** What our app answers for one of Scope's captured URLs (a view, or a node's details). */
    static JsonNode render(RenderContext ctx, String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Map<String, List<String>> params = params(url);
        String[] parts = path.substring("/api/topology/".length()).split("/", 2);
        if (parts.length == 1) {
            return Fixtures.JSON.valueToTree(Map.of("nodes", VIEWS.summaries(ctx, parts[0], params, Censor.NONE)));
        }
        String nodeId = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        return Fixtures.JSON.valueToTree(Map.of(
                "node",
                VIEWS.details(ctx, parts[0], nodeId, params, Censor.NONE).orElseThrow()));
    }

    static Map<String, List<String>> params(String url) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return params;
    }
}
