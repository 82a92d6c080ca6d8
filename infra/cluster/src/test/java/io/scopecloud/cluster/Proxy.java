package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy from Debian in front of the services, with a generated configuration: probes' reports
 * ({@code POST /api/report}, {@code GET /api}) to ingest; the probes' control websockets and pipe
 * ends and the UI's control and pipe paths to control; everything else (app, portal, topology
 * websockets) to query. Each instance is health-checked on its readiness URL every second; the
 * stats page ({@code /stats;csv} on port {@value #STATS_PORT}) says which the proxy holds up.
 */
final class Proxy implements AutoCloseable {
    static final int PORT = 4040;
    static final int STATS_PORT = 8404;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final HostProcess haproxy;
    private final String address;

    private Proxy(HostProcess haproxy, String address) {
        this.haproxy = haproxy;
        this.address = address;
    }

    static Path binary() {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxy)) {
            throw new AssertionError(
                    "the cluster test needs HAProxy: `apt-get install -y haproxy` (.ci/test installs it)");
        }
        return haproxy;
    }

    static Proxy start(
            NetworkHosts hosts,
            String host,
            List<ServiceProcess> ingest,
            List<ServiceProcess> query,
            List<ServiceProcess> control,
            Path work)
            throws IOException {
        requireNonNull(hosts, "hosts is null");
        String address = hosts.address(host);
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, config(address, ingest, query, control));
        HostProcess haproxy = new HostProcess(
                "haproxy",
                host,
                List.of(binary().toString(), "-db", "-f", config.toString()),
                Map.of(),
                work.resolve("logs").resolve("haproxy.log"));
        haproxy.start();
        return new Proxy(haproxy, address);
    }

    static String config(
            String address, List<ServiceProcess> ingest, List<ServiceProcess> query, List<ServiceProcess> control) {
        return """
                global
                    maxconn 4000
                    log stdout format raw local0 notice

                defaults
                    mode http
                    log global
                    option dontlognull
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    timeout http-request 10s
                    timeout queue 5s
                    retries 3
                    option redispatch 1
                    default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 2

                frontend public
                    bind %1$s:%2$d
                    # the instances' internal API never leaves the cluster
                    http-request deny deny_status 404 if { path_beg /internal }
                    acl report path /api/report
                    acl probe_hello path /api
                    acl probe_control path /api/control/ws
                    acl probe_pipe path_reg ^/api/pipe/[^/]+/probe$
                    acl ui_control path_reg ^/api/app/[^/]+/api/control/
                    acl ui_pipe path_reg ^/api/app/[^/]+/api/pipe/
                    use_backend ingest if report || probe_hello METH_GET
                    use_backend control if probe_control || probe_pipe || ui_control || ui_pipe
                    default_backend query

                frontend stats
                    bind %1$s:%3$d
                    stats enable
                    stats uri /stats
                    stats refresh 1s

                backend ingest
                    balance roundrobin
                    option http-buffer-request
                    retry-on conn-failure empty-response
                    option httpchk GET %4$s
                    http-check expect status 200
                %5$s
                backend query
                    balance roundrobin
                    retry-on conn-failure empty-response
                    option httpchk GET %4$s
                    http-check expect status 200
                %6$s
                backend control
                    balance leastconn
                    option httpchk GET %4$s
                    http-check expect status 200
                %7$s
                """
                .formatted(
                        address,
                        PORT,
                        STATS_PORT,
                        ServiceProcess.READY_PATH,
                        servers(ingest),
                        servers(query),
                        servers(control));
    }

    private static String servers(List<ServiceProcess> instances) {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess s : instances) {
            out.append("    server ")
                    .append(s.name())
                    .append(' ')
                    .append(s.address())
                    .append(':')
                    .append(ServiceProcess.PORT)
                    .append(" check port ")
                    .append(ServiceProcess.ADMIN_PORT)
                    .append('\n');
        }
        return out.toString();
    }

    URI baseUri() {
        return URI.create("http://" + address + ":" + PORT);
    }

    /** What the proxy thinks of each server right now: "backend/server" → UP, DOWN, ... */
    Map<String, String> serverStates() {
        Map<String, String> states = new HashMap<>();
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://" + address + ":" + STATS_PORT + "/stats;csv"))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n", -1)) {
                String[] f = line.split(",", -1);
                if (f.length > 17 && !line.startsWith("#") && !f[1].equals("FRONTEND") && !f[1].equals("BACKEND")) {
                    states.put(f[0] + "/" + f[1], f[17]);
                }
            }
        } catch (IOException e) {
            states.put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return states;
    }

    /**
     * Seconds from {@code sinceNanos} until the proxy holds {@code server} ("backend/name") down,
     * polled every 100 ms on a thread of its own; -1 if not within {@code timeout}.
     */
    java.util.concurrent.CompletableFuture<Double> whenDown(String server, long sinceNanos, Duration timeout) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            while (System.nanoTime() - sinceNanos < timeout.toNanos()) {
                if (serverStates().getOrDefault(server, "").startsWith("DOWN")) {
                    return (System.nanoTime() - sinceNanos) / 1e9;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return -1.0;
        });
    }

    /** Waits until the proxy holds every server up (its health checks passed). */
    void awaitAllUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> states = Map.of();
        while (System.nanoTime() < deadline) {
            if (!haproxy.isAlive()) {
                throw new AssertionError("HAProxy exited:\n" + haproxy.tail(30));
            }
            states = serverStates();
            if (!states.isEmpty() && states.values().stream().allMatch(s -> s.startsWith("UP"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the proxy did not hold every instance up within " + timeout + ": " + states);
    }

    @Override
    public void close() {
        haproxy.stop();
    }
}
