package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a Scope Cloud service (ingest, query or control) in a JVM of its own on its own
 * host, configured as an operator would: a YAML file and {@code SCOPE_CLOUD_*} variables. Its
 * application port is {@value #PORT}; its admin port {@value #ADMIN_PORT} listens on the host's
 * address so the proxy can ask it whether it is ready.
 */
final class ServiceProcess implements AutoCloseable {
    static final int PORT = 4040;
    static final int ADMIN_PORT = 4041;
    /** Readiness on the admin connector: 200 when the instance can do its job (ADR 14). */
    static final String READY_PATH = "/health/ready";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    enum Kind {
        INGEST("io.scopecloud.ingest.IngestApplication", "ingest.yml", "256m"),
        // two orgs' windows of 25 probes each, plus up to 16 time-travel windows cached: 256m ran out
        QUERY("io.scopecloud.query.QueryApplication", "query.yml", "768m"),
        CONTROL("io.scopecloud.control.ControlApplication", "control.yml", "256m");

        final String mainClass;
        final String config;
        final String heap;

        Kind(String mainClass, String config, String heap) {
            this.mainClass = mainClass;
            this.config = config;
            this.heap = heap;
        }
    }

    private final Kind kind;
    private final String address;
    private final HostProcess process;

    private ServiceProcess(Kind kind, String address, HostProcess process) {
        this.kind = kind;
        this.address = address;
        this.process = process;
    }

    /** The environment every instance shares: where PostgreSQL and Kafka are, the internal secret. */
    record Shared(
            String databaseUrl,
            String databaseUser,
            String databasePassword,
            String kafkaBootstrap,
            String internalSecret,
            String publicUrl) {}

    static ServiceProcess create(Kind kind, String name, NetworkHosts hosts, Path configDir, Shared shared, Path logs) {
        requireNonNull(kind, "kind is null");
        String address = hosts.address(name);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SCOPE_CLOUD_BIND", "0.0.0.0");
        env.put("SCOPE_CLOUD_PORT", Integer.toString(PORT));
        env.put("SCOPE_CLOUD_ADMIN_BIND", address);
        env.put("SCOPE_CLOUD_ADMIN_PORT", Integer.toString(ADMIN_PORT));
        env.put("SCOPE_CLOUD_DATABASE_URL", shared.databaseUrl());
        env.put("SCOPE_CLOUD_DATABASE_USER", shared.databaseUser());
        env.put("SCOPE_CLOUD_DATABASE_PASSWORD", shared.databasePassword());
        env.put("SCOPE_CLOUD_KAFKA_BOOTSTRAP", shared.kafkaBootstrap());
        env.put("SCOPE_CLOUD_KAFKA_REPLICATION_FACTOR", "3");
        env.put("SCOPE_CLOUD_KAFKA_MIN_INSYNC_REPLICAS", "2");
        env.put("SCOPE_CLOUD_INTERNAL_SECRET", shared.internalSecret());
        env.put("SCOPE_CLOUD_ADVERTISED_URL", "http://" + address + ":" + PORT);
        env.put("SCOPE_CLOUD_PUBLIC_URL", shared.publicUrl());
        env.put("SCOPE_CLOUD_LOG_FORMAT", "text");
        HostProcess process = new HostProcess(
                name,
                name,
                HostProcess.java(
                        kind.heap,
                        List.of("-XX:+ExitOnOutOfMemoryError"),
                        kind.mainClass,
                        "server",
                        configDir.resolve(kind.config).toString()),
                env,
                logs.resolve(name + ".log"));
        return new ServiceProcess(kind, address, process);
    }

    /** Applies the schema once, before any service starts ({@code db migrate}, as an operator runs it). */
    static void migrate(String host, Path configDir, Shared shared, Path logs) {
        Map<String, String> env = Map.of(
                "SCOPE_CLOUD_DATABASE_URL", shared.databaseUrl(),
                "SCOPE_CLOUD_DATABASE_USER", shared.databaseUser(),
                "SCOPE_CLOUD_DATABASE_PASSWORD", shared.databasePassword(),
                "SCOPE_CLOUD_KAFKA_BOOTSTRAP", shared.kafkaBootstrap(),
                "SCOPE_CLOUD_ADVERTISED_URL", "http://127.0.0.1:" + PORT);
        HostProcess migrate = new HostProcess(
                "migrate",
                host,
                HostProcess.java(
                        "192m",
                        List.of(),
                        Kind.QUERY.mainClass,
                        "db",
                        "migrate",
                        configDir.resolve(Kind.QUERY.config).toString()),
                env,
                logs.resolve("migrate.log"));
        migrate.start();
        if (!migrate.await(120)) {
            migrate.kill();
            throw new AssertionError("db migrate did not finish in 120 s:\n" + migrate.tail(40));
        }
        if (migrate.exitValue() != 0) {
            throw new AssertionError("db migrate failed:\n" + migrate.tail(40));
        }
    }

    ServiceProcess start() {
        process.start();
        return this;
    }

    /** Waits until the instance's readiness answers 200; fails early, with its log, if it died. */
    ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name() + " exited while starting:\n" + process.tail(60));
            }
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(readyUri())
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name() + " was not ready within " + timeout + " (" + last + "):\n" + process.tail(60));
    }

    URI readyUri() {
        return URI.create("http://" + address + ":" + ADMIN_PORT + READY_PATH);
    }

    URI baseUri() {
        return URI.create("http://" + address + ":" + PORT);
    }

    String advertisedUrl() {
        return "http://" + address + ":" + PORT;
    }

    String address() {
        return address;
    }

    String name() {
        return process.name();
    }

    Kind kind() {
        return kind;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() {
        process.kill();
    }

    String tail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        process.stop();
    }
}
