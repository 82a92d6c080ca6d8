package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.ProbeAgent;
import io.scopecloud.probe.cli.ProbeConfig;
import io.scopecloud.probe.cli.ProbeFlags;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.probe.publish.PublishListener;
import io.scopecloud.probe.testing.TestEngine;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe's container integration end to end, against a real engine (podman's Docker API on
 * CI, {@link TestEngine}) and a fake Scope app: two containers on an internal network with a TCP
 * connection between them, in the report with their processes and the edge the containers view
 * draws; each control acting on the real container with the new state published within a
 * second; a shell through a pipe; logs streaming through a pipe.
 */
class ContainersEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "containers-host";

    private static TestEngine engine;
    private static FakeScopeApp app;
    private static ProbeAgent agent;
    private static FakeScopeApp.ProbeConnection control;
    private static ProbeIdentity identity;
    private static String network;
    private static String server;
    private static String client;
    private static long seq;

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngine.connect();
        network = engine.name("net");
        engine.createNetwork(network, true);
        server = engine.run(
                engine.name("server"),
                network,
                false,
                Map.of("app", "echo-server"),
                "nc",
                "-ll",
                "-p",
                "5000",
                "-e",
                "/bin/cat");
        String serverIp = engine.ip(server, network);
        client = engine.run(
                engine.name("client"),
                network,
                false,
                Map.of("app", "echo-client"),
                "sh",
                "-c",
                "while true; do sleep 3600 | nc " + serverIp + " 5000; sleep 0.2; done");
        app = new FakeScopeApp("good-token");
        ProbeConfig config = ProbeFlags.parse(
                List.of(
                        "--service-token=good-token",
                        "--service-url=" + app.url(),
                        "--probe.publish.interval=500ms",
                        "--probe.spy.interval=250ms",
                        "--probe.plugins.root=",
                        "--probe.docker=true"),
                Map.of("DOCKER_HOST", "unix://" + engine.socket()));
        identity = ProbeIdentity.generate(config.token(), "e2e");
        agent = new ProbeAgent(config, identity, Map.of("SCOPE_HOSTNAME", HOST), PublishListener.NONE);
        agent.start();
        control = app.nextConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (app != null) {
            app.stop();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void twoConnectedContainersShowWithTheirProcessesAndTheEdgeBetweenThem() throws Exception {
        Report report = awaitReport(
                r -> !r.shortcut()
                        && containerEdges(r).contains(client + "->" + server)
                        && container(r, server).metrics().containsKey("docker_cpu_total_usage"),
                Duration.ofSeconds(30));

        Topology containers = report.topology(TopologyType.CONTAINER);
        Node s = container(report, server);
        Node c = container(report, client);
        String serverIp = engine.ip(server, network);
        assertThat(s.topology()).isEqualTo("container");
        assertThat(s.latestValue("docker_container_id")).contains(server);
        assertThat(s.latestValue("docker_container_name")).contains(engine.name("server"));
        assertThat(s.latestValue("docker_container_state")).contains("running");
        assertThat(s.latestValue("docker_container_state_human"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Up "));
        assertThat(s.latestValue("docker_container_command"))
                .hasValueSatisfying(v -> assertThat(v).contains("nc -ll -p 5000"));
        assertThat(s.latestValue("docker_image_name")).contains("localhost/busybox");
        assertThat(s.latestValue("docker_image_tag")).contains("latest");
        assertThat(s.latestValue("docker_container_hostname")).isPresent();
        assertThat(s.latestValue("docker_container_uptime")).isPresent();
        assertThat(s.latestValue("docker_label_app")).contains("echo-server");
        assertThat(s.latest().keySet()).noneMatch(k -> k.startsWith("docker_env_")); // --probe.omit.env-vars
        assertThat(s.latestValue("control_probe_id")).contains(identity.probeId());
        assertThat(s.latestValue("host_node_id")).contains(HOST + ";<host>");
        assertThat(s.latestValue("active_controls")).hasValueSatisfying(v -> assertThat(v.split(";"))
                .contains("docker_stop_container", "docker_exec_container", "docker_pause_container"));
        assertThat(s.sets().get("docker_container_ips")).contains(serverIp);
        assertThat(s.sets().get("docker_container_ips_with_scopes")).contains(";" + serverIp);
        assertThat(s.sets().get("docker_container_networks")).containsExactly(network);
        assertThat(s.parents().get("host")).containsExactly(HOST + ";<host>");
        String imageId = s.latestValue("docker_image_id").orElseThrow();
        assertThat(s.parents().get("container_image")).containsExactly(imageId + ";<container_image>");
        assertThat(s.metrics().get("docker_memory_usage").samples()).isNotEmpty();
        assertThat(s.metrics().get("docker_memory_usage").max()).isPositive();
        assertThat(s.metrics().get("docker_cpu_total_usage").max()).isEqualTo(100.0);
        assertThat(c.latestValue("docker_container_name")).contains(engine.name("client"));

        assertThat(containers.controls())
                .containsKeys(
                        "docker_stop_container",
                        "docker_start_container",
                        "docker_restart_container",
                        "docker_pause_container",
                        "docker_unpause_container",
                        "docker_remove_container",
                        "docker_attach_container",
                        "docker_exec_container",
                        "docker_get_logs");
        assertThat(containers.metadataTemplates()).containsKeys("docker_image_name", "docker_container_state_human");
        assertThat(containers.metricTemplates()).containsKeys("docker_cpu_total_usage", "docker_memory_usage");
        assertThat(containers.tableTemplates()).containsKeys("docker_label_", "docker_env_", "image_table");

        Node image = report.topology(TopologyType.CONTAINER_IMAGE).nodes().get(imageId + ";<container_image>");
        assertThat(image.latestValue("docker_image_name")).contains("localhost/busybox");
        assertThat(image.latestValue("docker_image_size"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("MB"));
        assertThat(image.parents().get("host")).containsExactly(HOST + ";<host>");

        Node overlay = report.topology(TopologyType.OVERLAY).nodes().get("#docker_peer_" + HOST);
        assertThat(overlay.sets().get("local_networks"))
                .anySatisfy(cidr -> assertThat(serverIp).startsWith(cidr.substring(0, cidr.lastIndexOf('.'))));

        // the processes inside: the server's nc and the client's nc carry their container
        Set<String> serverProcesses = processesIn(report, server);
        Set<String> clientProcesses = processesIn(report, client);
        assertThat(serverProcesses).contains("nc");
        assertThat(clientProcesses).contains("nc", "sleep");
        Node serverNc = report.topology(TopologyType.PROCESS).nodes().values().stream()
                .filter(n -> n.latestValue("docker_container_id").equals(Optional.of(server)))
                .findFirst()
                .orElseThrow();
        assertThat(serverNc.parents().get("container")).containsExactly(server + ";<container>");

        // the connection, between the containers' addresses
        Topology endpoints = report.topology(TopologyType.ENDPOINT);
        assertThat(endpoints.nodes().get(";" + serverIp + ";5000")).isNotNull();
    }

    @Test
    void controlsActOnTheContainerAndItsNewStateShowsWithinASecond() throws Exception {
        String target = engine.run(engine.name("target"), network, false, Map.of(), "sleep", "3600");
        String nodeId = target + ";<container>";
        awaitReport(r -> state(r, target).equals(Optional.of("running")), Duration.ofSeconds(10));

        assertStateAfter("docker_pause_container", nodeId, target, "paused");
        assertThat(engine.inspect(target).path("State").path("Paused").asBoolean())
                .isTrue();
        assertStateAfter("docker_unpause_container", nodeId, target, "running");
        assertStateAfter("docker_stop_container", nodeId, target, "exited");
        assertThat(engine.inspect(target).path("State").path("Running").asBoolean())
                .isFalse();
        assertStateAfter("docker_start_container", nodeId, target, "running");
        int pidBefore = engine.pid(target);
        assertStateAfter("docker_restart_container", nodeId, target, "running");
        assertThat(engine.pid(target)).isNotEqualTo(pidBefore);
        assertStateAfter("docker_stop_container", nodeId, target, "exited");

        JsonNode removed = callControl("docker_remove_container", nodeId, "null");
        assertThat(removed.path("removedNode").asText()).isEqualTo(nodeId);
        awaitReport(r -> state(r, target).equals(Optional.of("deleted")), Duration.ofSeconds(1));
        assertThat(engine.exists(target)).isFalse();

        JsonNode missing = callControl("docker_stop_container", "nope;<container>", "null");
        assertThat(missing.path("error").asText()).containsIgnoringCase("no such container");
    }

    @Test
    void execOpensAWorkingShellThroughAPipe() throws Exception {
        JsonNode answer = callControl("docker_exec_container", client + ";<container>", "null");
        assertThat(answer.path("raw_tty").asBoolean()).isTrue();
        assertThat(answer.path("resize_tty_control").asText()).isEqualTo("docker_resize_exec_tty");
        String pipeId = answer.path("pipe").asText();
        assertThat(pipeId).matches("pipe-\\d+");

        FakeScopeApp.PipeConnection pipe = app.pipe(pipeId);
        pipe.type("echo hello-$((6*7))\n");
        pipe.awaitOutput("hello-42", Duration.ofSeconds(10));
        JsonNode resized = callControl(
                "docker_resize_exec_tty",
                client + ";<container>",
                "{\"pipeID\":\"" + pipeId + "\",\"height\":\"30\",\"width\":\"90\"}");
        assertThat(resized.path("error").isMissingNode()).isTrue();
        pipe.type("stty size; hostname\n");
        pipe.awaitOutput("30 90", Duration.ofSeconds(10));
        assertThat(pipe.frameSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1024));

        pipe.type("exit\n");
        assertThat(pipe.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(app.deletedPipes.poll(10, TimeUnit.SECONDS)).isEqualTo(pipeId);
    }

    @Test
    void logsStreamThroughAPipe() throws Exception {
        String talker = engine.run(
                engine.name("talker"),
                network,
                false,
                Map.of(),
                "sh",
                "-c",
                "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done");
        awaitReport(r -> state(r, talker).equals(Optional.of("running")), Duration.ofSeconds(10));
        JsonNode answer = callControl("docker_get_logs", talker + ";<container>", "null");
        assertThat(answer.path("raw_tty").asBoolean(false)).isFalse();
        FakeScopeApp.PipeConnection pipe = app.pipe(answer.path("pipe").asText());
        pipe.awaitOutput("tick-", Duration.ofSeconds(10));
        int lines = pipe.output().split("\n").length;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pipe.output().split("\n").length < lines + 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(pipe.output().split("\n").length).isGreaterThanOrEqualTo(lines + 5);
    }

    @Test
    void attachReachesTheContainersTerminal() throws Exception {
        String tty = engine.run(engine.name("tty"), network, true, Map.of(), "sh");
        awaitReport(r -> state(r, tty).equals(Optional.of("running")), Duration.ofSeconds(10));
        JsonNode answer = callControl("docker_attach_container", tty + ";<container>", "null");
        assertThat(answer.path("raw_tty").asBoolean()).isTrue();
        FakeScopeApp.PipeConnection pipe = app.pipe(answer.path("pipe").asText());
        pipe.type("echo attached-$((2+3))\n");
        pipe.awaitOutput("attached-5", Duration.ofSeconds(10));
    }

    // --- helpers

    private static void assertStateAfter(String controlId, String nodeId, String containerId, String expected)
            throws Exception {
        long sent = System.nanoTime();
        JsonNode answer = callControl(controlId, nodeId, "null");
        assertThat(answer.path("error").isMissingNode())
                .as("%s answered %s", controlId, answer)
                .isTrue();
        // "within a second" of the engine acting (the control returns when the engine has acted)
        awaitReport(r -> state(r, containerId).equals(Optional.of(expected)), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(15));
    }

    private static synchronized JsonNode callControl(String controlId, String nodeId, String args) throws Exception {
        long id = ++seq;
        control.call(id, controlId, nodeId, args);
        JsonNode header = JSON.readTree(nextFrame());
        assertThat(header.path("Response").path("Seq").asLong()).isEqualTo(id);
        return JSON.readTree(nextFrame()).path("Value");
    }

    private static String nextFrame() throws InterruptedException {
        String frame = control.received.poll(30, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("the probe did not answer the control");
        }
        return frame;
    }

    private static Report awaitReport(Predicate<Report> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching report within " + timeout);
            }
            FakeScopeApp.Posted posted = app.reports.poll(left, TimeUnit.NANOSECONDS);
            if (posted != null && condition.test(posted.report())) {
                return posted.report();
            }
        }
    }

    private static Node container(Report r, String id) {
        Node node = r.topology(TopologyType.CONTAINER).nodes().get(id + ";<container>");
        if (node == null) {
            throw new AssertionError("no container " + id + " in "
                    + r.topology(TopologyType.CONTAINER).nodes().keySet());
        }
        return node;
    }

    private static Optional<String> state(Report r, String containerId) {
        Node node = r.topology(TopologyType.CONTAINER).nodes().get(containerId + ";<container>");
        return node == null ? Optional.empty() : node.latestValue("docker_container_state");
    }

    /** Names of the processes the report puts in a container. */
    private static Set<String> processesIn(Report r, String containerId) {
        Set<String> names = new HashSet<>();
        for (Node p : r.topology(TopologyType.PROCESS).nodes().values()) {
            if (p.latestValue("docker_container_id").equals(Optional.of(containerId))) {
                p.latestValue("name").ifPresent(names::add);
            }
        }
        return names;
    }

    /**
     * The edges of the containers view, computed as Scope's renderer does: endpoint to process by
     * pid, process to container by docker_container_id, adjacency carried along.
     */
    static Set<String> containerEdges(Report r) {
        Map<String, Node> processes = r.topology(TopologyType.PROCESS).nodes();
        Map<String, Node> endpoints = r.topology(TopologyType.ENDPOINT).nodes();
        Set<String> edges = new HashSet<>();
        for (Node from : endpoints.values()) {
            Optional<String> fromContainer = containerOfEndpoint(from, processes);
            if (fromContainer.isEmpty()) {
                continue;
            }
            for (String adjacent : from.adjacency()) {
                Node to = endpoints.get(adjacent);
                if (to == null) {
                    continue;
                }
                containerOfEndpoint(to, processes)
                        .filter(toContainer -> !toContainer.equals(fromContainer.get()))
                        .ifPresent(toContainer -> edges.add(fromContainer.get() + "->" + toContainer));
            }
        }
        return edges;
    }

    private static Optional<String> containerOfEndpoint(Node endpoint, Map<String, Node> processes) {
        Optional<String> pid = endpoint.latestValue("pid");
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Node process = processes.get(HOST + ";" + pid.get());
        return process == null ? Optional.empty() : process.latestValue("docker_container_id");
    }
}
