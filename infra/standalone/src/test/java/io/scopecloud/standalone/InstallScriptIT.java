package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.scopecloud.probe.host.HostName;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's one-liner, run as a user would ({@code curl -fsSL <service>/install.sh | sh -s --
 * --service-token=<token>}) into a temporary prefix, without systemd: it refuses a jar whose
 * SHA-256 is not the one the service published, installs and starts the real probe whose host
 * then appears on the map, keeps the token out of the probe's command line and in a file only its
 * owner reads, and {@code scope uninstall} leaves nothing under the prefix.
 */
class InstallScriptIT {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static final String PASSWORD = "install script passphrase 20"; // passes the password policy

    @Test
    void theOneLinerInstallsAndStartsTheProbeAndScopeUninstallRemovesIt() throws Exception {
        Path work = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("scopecloud.test.work", "target"))), "install");
        Path prefix = Files.createDirectory(work.resolve("prefix"));
        Path state = work.resolve("state");
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        try (StandaloneTestApp app =
                StandaloneTestApp.builder().realProbeLimits().start()) {
            ServiceClient client = app.client();
            ServiceClient.Person owner = client.signUp("install@example.com", PASSWORD, "Install");
            String token = client.createToken(owner, "install.sh");
            String service = app.baseUri().toString();
            List<String> flags = List.of(
                    "--service-token=" + token,
                    "--service-url=" + service,
                    "--prefix=" + prefix,
                    "--state-dir=" + state,
                    "--probe.docker=false",
                    "--probe.plugins.root=" + plugins);
            try {
                // A download whose jar is not the one the service published: refused, nothing installed.
                String served = client.get("/install/scope", null).body();
                try (Tampered tampered = new Tampered(served)) {
                    Result refused = oneLiner(service, flags, Map.of("SCOPE_INSTALL_BASE", tampered.base()), work);
                    assertThat(refused.exit()).as(refused.output()).isNotZero();
                    assertThat(refused.output()).contains("SHA-256 mismatch for probe-");
                    assertThat(filesUnder(prefix))
                            .as("installed after a bad download")
                            .isEmpty();
                }

                Result installed = oneLiner(service, flags, Map.of(), work);
                assertThat(installed.exit()).as(installed.output()).isZero();
                Path lib = prefix.resolve("lib/scope-cloud");
                assertThat(prefix.resolve("bin/scope")).isExecutable();
                assertThat(lib.resolve("scope-probe.jar")).isRegularFile();
                assertThat(Files.readString(lib.resolve("token")).trim()).isEqualTo(token);
                assertThat(Files.getPosixFilePermissions(lib.resolve("token")))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

                long pid = Long.parseLong(
                        Files.readString(state.resolve("probe.pid")).trim());
                String commandLine =
                        Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                assertThat(commandLine)
                        .contains("io.scopecloud.probe.ProbeMain")
                        .doesNotContain(token);

                String host = HostName.resolve(Path.of("/proc"), System.getenv()) + ";<host>";
                HttpResponse<String> node = client.awaitGet(
                        "/api/app/" + owner.org() + "/api/topology/hosts/"
                                + URLEncoder.encode(host, StandardCharsets.UTF_8)
                                        .replace("+", "%20"),
                        token,
                        r -> r.statusCode() == 200,
                        Duration.ofSeconds(90));
                assertThat(ServiceClient.tree(node.body())
                                .path("node")
                                .path("id")
                                .asText())
                        .isEqualTo(host);

                Result uninstalled = run(
                        List.of(prefix.resolve("bin/scope").toString(), "uninstall", "--state-dir=" + state),
                        Map.of(),
                        work);
                assertThat(uninstalled.exit()).as(uninstalled.output()).isZero();
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .as("the probe after uninstall")
                        .isEmpty();
                try (Stream<Path> left = Files.list(prefix)) {
                    assertThat(left).as("left under the prefix").isEmpty();
                }
            } finally {
                stopProbe(state);
            }
        }
    }

    /** Whatever happened, no probe outlives the test. */
    private static void stopProbe(Path state) throws InterruptedException {
        Path pidFile = state.resolve("probe.pid");
        Optional<ProcessHandle> probe;
        try {
            probe = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        if (probe.isPresent() && probe.get().info().commandLine().orElse("").contains("io.scopecloud.probe")) {
            probe.get().destroyForcibly();
            probe.get().onExit().join();
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !Files.isDirectory(p)).toList();
        }
    }

    private record Result(int exit, String output) {}

    private static Result oneLiner(String service, List<String> flags, Map<String, String> env, Path work)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "curl -fsSL \"$0/install.sh\" | sh -s -- \"$@\""));
        command.add(service);
        command.addAll(flags);
        return run(command, env, work);
    }

    private static Result run(List<String> command, Map<String, String> env, Path work) throws Exception {
        Path log = Files.createTempFile(work, "run", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("SCOPE_SERVICE_TOKEN");
        Process process = builder.start();
        if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    command.get(0) + " did not finish in " + INSTALL_TIMEOUT + ": " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** A download base on loopback serving the right scope script and a wrong jar. */
    private static final class Tampered implements AutoCloseable {
        private static final Pattern JAR = Pattern.compile("/probe-[^/]+\\.jar");
        private final HttpServer server;

        Tampered(String script) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Matcher jar = JAR.matcher(path);
                byte[] body = path.equals("/scope")
                        ? script.getBytes(StandardCharsets.UTF_8)
                        : jar.matches() ? "not the probe".getBytes(StandardCharsets.UTF_8) : null;
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
