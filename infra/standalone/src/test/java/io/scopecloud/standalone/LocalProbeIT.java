package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.host.HostName;
import io.scopecloud.probe.testing.TestEngine;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The standalone install's local probe: at the first start it creates the org "local" and its
 * owner and prints the sign-in once; signed in through the portal API, the owner sees this host
 * on the map, and its containers (two on an internal network, one connected to the other) on the
 * containers views. A restart keeps the org and the sign-in, prints no password, and the probe
 * reports again with a new token.
 */
class LocalProbeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Start(StandaloneTestApp app, String banner) {
        String base() {
            return app.baseUri().toString();
        }
    }

    /** Starts the app on {@code db} and {@code topic} (kept across restarts) with its local probe. */
    private static Start start(TestDatabase db, String topic, Path data) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        StandaloneTestApp app;
        try {
            app = StandaloneTestApp.builder()
                    .database(db)
                    .reportsTopic(topic)
                    .realProbeLimits()
                    .set("embedded.dataDir", data.toString())
                    .set("localProbe.enabled", "true")
                    .start();
        } finally {
            System.setOut(original);
        }
        return new Start(app, captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theLocalProbeShowsThisHostAndItsContainersToTheLocalOrgsOwner() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        String topic = infra.newTopicName("reports");
        Path data = Files.createTempDirectory(Path.of(System.getProperty("scopecloud.test.work", "target")), "local");
        String host = HostName.resolve(Path.of("/proc"), System.getenv());

        try (TestEngine engine = TestEngine.connect()) {
            String network = engine.name("net");
            engine.createNetwork(network, true);
            String server = engine.run(
                    engine.name("server"), network, false, Map.of(), "nc", "-ll", "-p", "5000", "-e", "/bin/cat");
            String client = engine.run(
                    engine.name("client"),
                    network,
                    false,
                    Map.of(),
                    "sh",
                    "-c",
                    "while true; do sleep 3600 | nc " + engine.ip(server, network) + " 5000; sleep 0.2; done");

            Start first = start(db, topic, data);
            String org;
            String email;
            String password;
            try {
                Matcher orgLine =
                        Pattern.compile("org \"local\" \\((local-\\d+)\\)").matcher(first.banner());
                Matcher emailLine = Pattern.compile("Sign in: +(\\S+)").matcher(first.banner());
                Matcher passwordLine = Pattern.compile("Password: +(\\S+)").matcher(first.banner());
                assertThat(orgLine.find()).as(first.banner()).isTrue();
                assertThat(emailLine.find()).isTrue();
                assertThat(passwordLine.find()).isTrue();
                org = orgLine.group(1);
                email = emailLine.group(1);
                password = passwordLine.group(1);
                assertThat(Files.readString(data.resolve(LocalProbe.STATE_FILE)))
                        .doesNotContain(password)
                        .contains(org);

                String cookie = signIn(first.base(), email, password);
                String api = first.base() + "/api/app/" + org + "/api/topology/";
                JsonNode hosts =
                        await(api + "hosts", cookie, n -> n.path("nodes").has(host + ";<host>"));
                assertThat(hosts.path("nodes")
                                .path(host + ";<host>")
                                .path("label")
                                .asText())
                        .isNotEmpty();

                // the containers views: both containers, and the edge of the connection between them
                String serverNode = server + ";<container>";
                String clientNode = client + ";<container>";
                JsonNode containers = await(
                        api + "containers",
                        cookie,
                        n -> n.path("nodes").has(serverNode)
                                && adjacency(n.path("nodes").path(clientNode)).contains(serverNode));
                assertThat(containers
                                .path("nodes")
                                .path(serverNode)
                                .path("label")
                                .asText())
                        .isEqualTo(engine.name("server"));
                JsonNode byImage = await(api + "containers-by-image", cookie, n -> n.path("nodes")
                        .has("localhost/busybox;<container_image>"));
                assertThat(byImage.path("nodes")
                                .path("localhost/busybox;<container_image>")
                                .path("label")
                                .asText())
                        .isEqualTo("localhost/busybox");
                JsonNode byHostname = await(
                        api + "containers-by-hostname", cookie, n -> labels(n).contains(engine.name("server")));
                assertThat(labels(byHostname)).contains(engine.name("client"));
            } finally {
                first.app().close();
            }

            Start second = start(db, topic, data);
            try {
                assertThat(second.banner())
                        .contains("(" + org + ")")
                        .contains(email)
                        .doesNotContain(password);
                String cookie = signIn(second.base(), email, password);
                // the probe reports again (with this run's token: the last one was revoked)
                await(second.base() + "/api/app/" + org + "/api/probes", cookie, n -> n.isArray() && n.size() > 0);
            } finally {
                second.app().close();
            }
        }
    }

    private static String signIn(String base, String email, String password) throws Exception {
        HttpResponse<String> login = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("email", email, "password", password))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(JSON.readTree(login.body()).path("csrfToken").asText()).isNotEmpty();
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("scope_session="))
                .findFirst()
                .orElseThrow();
        return cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
    }

    private static JsonNode await(String url, String cookie, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Cookie", cookie)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode node = JSON.readTree(response.body());
                if (done.test(node)) {
                    return node;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gave up on " + url + "; last answer: "
                + (last.length() > 2000 ? last.substring(0, 2000) + "..." : last));
    }

    private static java.util.List<String> adjacency(JsonNode summary) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        summary.path("adjacency").forEach(a -> ids.add(a.asText()));
        return ids;
    }

    private static java.util.List<String> labels(JsonNode topology) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (Iterator<JsonNode> it = topology.path("nodes").elements(); it.hasNext(); ) {
            labels.add(it.next().path("label").asText());
        }
        return labels;
    }

    /** Copies what the app prints to the console and to a buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] data, int off, int len) throws java.io.IOException {
            a.write(data, off, len);
            b.write(data, off, len);
        }
    }
}
