package io.scopecloud.cluster;

import io.scopecloud.cluster.ServiceProcess.Kind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The production shape on this machine: hosts (network namespaces), three Kafka brokers, a
 * PostgreSQL server, two instances each of ingest, query and control, and HAProxy in front. Started
 * in parallel where nothing depends on order; {@link #close()} stops all of it and deletes the hosts,
 * and is safe after a failed start.
 */
final class ScopeCluster implements AutoCloseable {
    static final String REPORTS_TOPIC = "scope.reports";
    static final int PARTITIONS = 12;

    final NetworkHosts hosts;
    final Path work;
    KafkaCluster kafka;
    PostgresServer postgres;
    final List<ServiceProcess> ingest = new ArrayList<>();
    final List<ServiceProcess> query = new ArrayList<>();
    final List<ServiceProcess> control = new ArrayList<>();
    Proxy proxy;
    ServiceProcess.Shared shared;

    private ScopeCluster(NetworkHosts hosts, Path work) {
        this.hosts = hosts;
        this.work = work;
    }

    static ScopeCluster start(Path work, Path configDir, ClusterReport report) throws Exception {
        PostgresServer.binaries();
        Proxy.binary();
        Files.createDirectories(work.resolve("logs"));
        long t0 = System.nanoTime();
        ScopeCluster c = new ScopeCluster(NetworkHosts.create(), work);
        try {
            c.hosts.add("proxy", 2);
            for (int i = 1; i <= 3; i++) {
                c.hosts.add("kafka" + i, 10 + i);
            }
            c.hosts.add("postgres", 20);
            for (int i = 1; i <= 2; i++) {
                c.hosts.add("query" + i, 30 + i);
                c.hosts.add("ingest" + i, 40 + i);
                c.hosts.add("control" + i, 50 + i);
            }
            for (int i = 1; i <= 3; i++) {
                c.hosts.add("probe" + i, 60 + i);
            }
            report.timing("hosts (network namespaces)", t0);

            long t1 = System.nanoTime();
            String password = UUID.randomUUID().toString();
            CompletableFuture<KafkaCluster> kafka = CompletableFuture.supplyAsync(() -> {
                try {
                    return KafkaCluster.start(c.hosts, List.of("kafka1", "kafka2", "kafka3"), work);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(() -> {
                try {
                    return PostgresServer.start(c.hosts, "postgres", work, password);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            c.postgres = join(postgres);
            c.kafka = join(kafka);
            report.timing("Kafka (3 brokers) and PostgreSQL, in parallel", t1);

            long t2 = System.nanoTime();
            c.kafka.createTopic(REPORTS_TOPIC, PARTITIONS);
            c.shared = new ServiceProcess.Shared(
                    c.postgres.jdbcUrl(),
                    PostgresServer.USER,
                    password,
                    c.kafka.bootstrap(),
                    UUID.randomUUID().toString(),
                    "http://" + c.hosts.address("proxy") + ":" + Proxy.PORT + "/");
            ServiceProcess.migrate("query1", configDir, c.shared, work.resolve("logs"));
            report.timing("topic and db migrate", t2);

            long t3 = System.nanoTime();
            for (int i = 1; i <= 2; i++) {
                c.ingest.add(ServiceProcess.create(
                        Kind.INGEST, "ingest" + i, c.hosts, configDir, c.shared, work.resolve("logs")));
                c.query.add(ServiceProcess.create(
                        Kind.QUERY, "query" + i, c.hosts, configDir, c.shared, work.resolve("logs")));
                c.control.add(ServiceProcess.create(
                        Kind.CONTROL, "control" + i, c.hosts, configDir, c.shared, work.resolve("logs")));
            }
            for (ServiceProcess s : c.services()) {
                s.start();
            }
            for (ServiceProcess s : c.services()) {
                s.awaitReady(Duration.ofMinutes(3));
            }
            report.timing("six service instances ready", t3);

            long t4 = System.nanoTime();
            c.proxy = Proxy.start(c.hosts, "proxy", c.ingest, c.query, c.control, work);
            c.proxy.awaitAllUp(Duration.ofSeconds(30));
            report.timing("proxy up, every instance healthy", t4);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException && cause.getCause() instanceof Exception inner) {
                throw inner;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw (Exception) cause;
        }
    }

    List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(ingest);
        all.addAll(query);
        all.addAll(control);
        return all;
    }

    URI proxyUri() {
        return proxy.baseUri();
    }

    /** The logs' ends of every instance, for a failure message. */
    String tails() {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess s : services()) {
            out.append(s.tail(15)).append("\n");
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (AutoCloseable part : closing()) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // the namespaces' clean-up below kills whatever is left
            }
        }
        hosts.close();
    }

    private List<AutoCloseable> closing() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(proxy);
        for (ServiceProcess s : services()) {
            parts.add(s::kill); // at the end nothing needs a clean goodbye, and SIGKILL is quick
        }
        parts.add(kafka);
        parts.add(postgres);
        return parts;
    }
}
