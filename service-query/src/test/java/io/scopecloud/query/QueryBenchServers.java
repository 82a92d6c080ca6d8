package io.scopecloud.query;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.ingest.IngestApplication;
import io.scopecloud.ingest.IngestConfiguration;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.testing.LaunchedJvmOptions;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Not a test: starts the real ingest (in this JVM, on the test infrastructure's PostgreSQL and
 * Kafka) and {@code queries} query instances, each in a JVM of its own run as production runs it
 * ({@code infra/hosted/query.yml}: 15 s window, 250 ms merge and push intervals, 12 partitions,
 * the JVM options of {@code ./scope-cloud} and the service image), creates {@code orgs} orgs with a probe token each, and writes where everything
 * is to a properties file for bench's {@code io.scopecloud.bench.query.QueryFreshnessBench}.
 *
 * <p>Arguments: {@code [properties file] [queries=1] [orgs=1] [port=4080] [lifetime=0]}. Ingest
 * listens on {@code port}, query instance i on {@code port + 2 + 2i} (admin one above); {@code
 * lifetime} seconds &gt; 0 stops everything then; so does deleting the properties file (0 and
 * the file kept: runs until killed).
 */
public final class QueryBenchServers {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private QueryBenchServers() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "query-bench.properties");
        Map<String, String> options = options(args);
        int queries = Integer.parseInt(options.getOrDefault("queries", "1"));
        int orgs = Integer.parseInt(options.getOrDefault("orgs", "1"));
        int port = Integer.parseInt(options.getOrDefault("port", "4080"));
        long lifetime = Long.parseLong(options.getOrDefault("lifetime", "0"));

        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        String topic = infra.newTopicName("reports");
        Path logs = Files.createDirectories(Path.of("target", "query-bench"));

        // Ingest first: it applies the schema and creates the topic with production's partitions.
        DropwizardTestSupport<IngestConfiguration> ingest = new DropwizardTestSupport<>(
                IngestApplication.class,
                ResourceHelpers.resourceFilePath("ingest-bench.yml"),
                "dwingest",
                ConfigOverride.config("dwingest", "server.connector.port", Integer.toString(port)),
                ConfigOverride.config("dwingest", "database.driverClass", "org.postgresql.Driver"),
                ConfigOverride.config("dwingest", "database.url", db.jdbcUrl()),
                ConfigOverride.config("dwingest", "database.user", db.user()),
                ConfigOverride.config("dwingest", "database.password", db.password()),
                ConfigOverride.config("dwingest", "kafka.bootstrapServers", infra.bootstrapServers()),
                ConfigOverride.config("dwingest", "kafka.reportsTopic", topic),
                ConfigOverride.config("dwingest", "kafka.reportsPartitions", "12"));
        ingest.before();

        List<Process> instances = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> instances.forEach(QueryBenchServers::stop)));
        String group = infra.newTopicName("query");
        for (int i = 0; i < queries; i++) {
            int queryPort = port + 2 + 2 * i;
            instances.add(startQuery(queryPort, db, infra, topic, group, logs.resolve("query-" + i + ".log")));
        }
        for (int i = 0; i < queries; i++) {
            awaitReady(instances.get(i), port + 3 + 2 * i, logs.resolve("query-" + i + ".log"));
        }

        Tenancy tenancy =
                new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
        StringBuilder props = new StringBuilder();
        props.append("ingest=http://127.0.0.1:").append(port).append('\n');
        props.append("serversPid=").append(ProcessHandle.current().pid()).append('\n');
        props.append("queries=").append(queries).append('\n');
        for (int i = 0; i < queries; i++) {
            props.append("query.")
                    .append(i)
                    .append("=http://127.0.0.1:")
                    .append(port + 2 + 2 * i)
                    .append('\n');
            props.append("queryAdmin.")
                    .append(i)
                    .append("=http://127.0.0.1:")
                    .append(port + 3 + 2 * i)
                    .append('\n');
            props.append("queryPid.")
                    .append(i)
                    .append('=')
                    .append(instances.get(i).pid())
                    .append('\n');
        }
        props.append("orgs=").append(orgs).append('\n');
        for (int o = 0; o < orgs; o++) {
            Org org = tenancy.orgs().create("Bench org " + o);
            String token = tenancy.probeTokens().issue(org.id(), "bench", null).secret();
            props.append("org.").append(o).append('=').append(org.externalId()).append('\n');
            props.append("token.").append(o).append('=').append(token).append('\n');
            if (o == 0) { // the single-org freshness run's keys
                props.append("query=http://127.0.0.1:").append(port + 2).append('\n');
                props.append("org=").append(org.externalId()).append('\n');
                props.append("token=").append(token).append('\n');
            }
        }
        Files.writeString(out, props);
        System.out.println("Ingest and " + queries + " query instance(s) ready; wrote " + out.toAbsolutePath());
        long end = lifetime > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetime) : Long.MAX_VALUE;
        while (Files.exists(out) && System.nanoTime() < end) {
            TimeUnit.SECONDS.sleep(1);
        }
        // In order, before the test infrastructure's own hook stops Kafka: a producer whose broker
        // is gone waits out its timeouts instead of closing.
        System.out.println(Files.exists(out) ? "Lifetime over: stopping" : out + " was deleted: stopping");
        instances.forEach(QueryBenchServers::stop);
        ingest.after();
        System.exit(0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2
                    || !List.of("queries", "orgs", "port", "lifetime").contains(kv[0])) {
                throw new IllegalArgumentException(
                        "unknown argument " + args[i] + ": expected queries=, orgs=, port= or lifetime=");
            }
            options.put(kv[0], kv[1]);
        }
        return options;
    }

    /** One query instance as an operator starts it: the hosted YAML and its SCOPE_CLOUD_* variables. */
    private static Process startQuery(
            int port, TestDatabase db, TestInfrastructure infra, String topic, String group, Path log)
            throws IOException, InterruptedException {
        Path config = Path.of(System.getProperty("scopecloud.hosted", "infra/hosted/query.yml"));
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException(
                    config.toAbsolutePath() + " is missing: run from the repository's root or set -Dscopecloud.hosted");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // as the service image's entrypoint starts the query service (-Xmx: its default SCOPE_CLOUD_HEAP, as in
        // infra/kubernetes/service/config.yaml); ./scope-cloud's are held to the same by LaunchScriptsJvmOptionsTest
        command.addAll(LaunchedJvmOptions.of(
                Path.of(""), "sh", Path.of("infra/images/service/scope-cloud-entrypoint"), List.of("query"), Map.of()));
        // e.g. a profiler: -Dscopecloud.queryJvmOptions=-XX:StartFlightRecording=filename=q.jfr
        String extra = System.getProperty("scopecloud.queryJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+", -1)));
        }
        command.addAll(List.of(
                "-Ddw.kafka.reportsTopic=" + topic,
                "-Ddw.query.consumerGroup=" + group,
                "-cp",
                System.getProperty("java.class.path"),
                QueryApplication.class.getName(),
                "server",
                config.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SCOPE_CLOUD_BIND", "127.0.0.1");
        env.put("SCOPE_CLOUD_PORT", Integer.toString(port));
        env.put("SCOPE_CLOUD_ADMIN_BIND", "127.0.0.1");
        env.put("SCOPE_CLOUD_ADMIN_PORT", Integer.toString(port + 1));
        env.put("SCOPE_CLOUD_DATABASE_URL", db.jdbcUrl());
        env.put("SCOPE_CLOUD_DATABASE_USER", db.user());
        env.put("SCOPE_CLOUD_DATABASE_PASSWORD", db.password());
        env.put("SCOPE_CLOUD_KAFKA_BOOTSTRAP", infra.bootstrapServers());
        env.put("SCOPE_CLOUD_KAFKA_REPLICATION_FACTOR", "1");
        env.put("SCOPE_CLOUD_KAFKA_MIN_INSYNC_REPLICAS", "1");
        env.put("SCOPE_CLOUD_ADVERTISED_URL", "http://127.0.0.1:" + port);
        env.put("SCOPE_CLOUD_LOG_LEVEL", "WARN");
        return builder.start();
    }

    private static void awaitReady(Process process, int adminPort, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("a query instance exited while starting; its log: " + log);
            }
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health/ready"))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("a query instance was not ready in 120 s (" + last + "); its log: " + log);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
