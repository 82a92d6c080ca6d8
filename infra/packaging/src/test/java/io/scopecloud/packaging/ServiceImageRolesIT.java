package io.scopecloud.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service image in its hosted roles, configured as the Kubernetes base configures it (the
 * rendered ConfigMap, with this test's PostgreSQL and Kafka in place of the example ones):
 * {@code db migrate} applies the schema (twice: the second run finds nothing to do), then
 * {@code ingest}, {@code query} and {@code control} each start their own application and pass the
 * image's health check (readiness: ADR 0014), and ingest answers probes at {@code GET /api} with
 * the configured service id. The containers run under the base's security context (read-only
 * root, a /tmp, no capabilities) and share the host's network, where the test's PostgreSQL and
 * Kafka listen on loopback.
 */
class ServiceImageRolesIT {
    private static final List<String> ROLES = List.of("ingest", "query", "control");
    private static final Duration START = Duration.ofMinutes(4);

    private static String image;
    private static Map<String, String> configMap;

    @BeforeAll
    static void build() throws Exception {
        image = Images.build().service();
        configMap = RenderedManifests.render(Repo.root().resolve("infra/kubernetes/service"))
                .configMapData("scope-cloud");
        for (String role : ROLES) {
            Podman.run("rm", "--force", "--time", "2", container(role));
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String role : ROLES) {
            Podman.run("rm", "--force", "--time", "2", container(role));
        }
    }

    @Test
    void dbMigrateThenEachHostedRoleStartsItsServiceAndBecomesReady() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        Map<String, String> shared = new TreeMap<>(configMap);
        shared.put("SCOPE_CLOUD_DATABASE_URL", db.jdbcUrl());
        shared.put("SCOPE_CLOUD_DATABASE_USER", db.user());
        shared.put("SCOPE_CLOUD_DATABASE_PASSWORD", db.password());
        shared.put("SCOPE_CLOUD_KAFKA_BOOTSTRAP", infra.bootstrapServers());
        shared.put("SCOPE_CLOUD_KAFKA_REPLICATION_FACTOR", "1");
        shared.put("SCOPE_CLOUD_KAFKA_MIN_INSYNC_REPLICAS", "1");
        shared.put("SCOPE_CLOUD_BIND", "127.0.0.1");
        shared.put("SCOPE_CLOUD_ADMIN_BIND", "127.0.0.1");
        shared.put("SCOPE_CLOUD_HEAP", "384m");
        shared.put("SCOPE_CLOUD_INTERNAL_SECRET", randomHex());
        String topic = "-Ddw.kafka.reportsTopic=" + infra.newTopicName("image-reports");

        for (int run = 1; run <= 2; run++) {
            Command migrated = Podman.run(podmanRun(List.of("--rm"), shared, List.of("db", "migrate")));
            assertThat(migrated.exit())
                    .as("db migrate, run " + run + ":\n" + migrated.output())
                    .isZero();
        }

        Map<String, Integer> ports = new TreeMap<>();
        for (String role : ROLES) {
            int port = freePort();
            int adminPort = freePort();
            ports.put(role, port);
            Map<String, String> env = new TreeMap<>(shared);
            env.put("SCOPE_CLOUD_PORT", Integer.toString(port));
            env.put("SCOPE_CLOUD_ADMIN_PORT", Integer.toString(adminPort));
            env.put("SCOPE_CLOUD_ADVERTISED_URL", "http://127.0.0.1:" + port);
            env.put("SCOPE_CLOUD_PUBLIC_URL", "http://127.0.0.1:" + port + "/");
            // this test's own topic and consumer group (control reads no reports)
            if (role.equals("ingest")) {
                env.put("JAVA_OPTS", topic);
            } else if (role.equals("query")) {
                env.put("JAVA_OPTS", topic + " -Ddw.query.consumerGroup=" + infra.newTopicName("image-query"));
            }
            Podman.ok(podmanRun(List.of("--detach", "--name", container(role)), env, List.of(role))
                    .toArray(String[]::new));
        }
        for (String role : ROLES) {
            Podman.awaitHealthy(container(role), START);
            assertThat(Podman.ok("exec", container(role), "id", "-u")).isEqualTo("10001");
            String commandLine = Podman.ok("exec", container(role), "cat", "/proc/1/cmdline");
            assertThat(commandLine).contains("tini");
        }

        HttpResponse<String> hello = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("ingest") + "/api"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains(configMap.get("SCOPE_CLOUD_SERVICE_ID"));
        for (String role : ROLES) {
            // the JVM tini started (the image has no procps): its command line
            String java = Podman.ok(
                    "exec",
                    container(role),
                    "sh",
                    "-c",
                    "tr '\\0' ' ' </proc/$(tr -d ' ' </proc/1/task/1/children)/cmdline");
            assertThat(java).contains(mainClass(role)).contains("/opt/scope-cloud/config/" + role + ".yml");
        }
    }

    private static String mainClass(String role) {
        return switch (role) {
            case "ingest" -> "io.scopecloud.ingest.IngestApplication";
            case "query" -> "io.scopecloud.query.QueryApplication";
            default -> "io.scopecloud.control.ControlApplication";
        };
    }

    private static List<String> podmanRun(List<String> options, Map<String, String> env, List<String> command) {
        // the Kubernetes base's security context: read-only root, /tmp its only writable place,
        // no capabilities, no privilege escalation
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--network=host",
                "--read-only",
                "--tmpfs=/tmp",
                "--cap-drop=ALL",
                "--security-opt=no-new-privileges"));
        args.addAll(options);
        env.forEach((name, value) -> args.addAll(List.of("--env", name + "=" + value)));
        args.add(image);
        args.addAll(command);
        return args;
    }

    private static String container(String role) {
        return "scc-pack-" + role;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
