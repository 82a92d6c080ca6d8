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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's one-liner, run as a user would ({@code curl -fsSL <service>/install.sh | sh -s --
 * --service-token=<token>}) on a "host" of its own: a network namespace ({@link HostNamespace},
 * 10.232.0.2, which reaches only the test's service at 10.232.0.1) and a prefix of its own. It
 * refuses a jar whose SHA-256 is not the one the service published, installs and starts the real
 * probe whose host then appears on the map, keeps the token out of the probe's command line and in
 * a file only its owner reads, and {@code scope uninstall} leaves nothing behind. {@code --systemd}
 * writes a unit {@code systemd-analyze verify} accepts (this machine runs no systemd: the
 * {@code systemctl} calls are recorded, and the unit's command is run as systemd would run it);
 * without Java the script says what it needs and installs nothing. Needs root and iproute2.
 */
class InstallScriptIT {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static final String PASSWORD = "install script passphrase 20"; // passes the password policy
    private static final String UNIT = "scope-cloud-probe.service";
    /** In a run's environment: the host has no Java (no JAVA_HOME either). */
    private static final String NO_JAVA = "NO_JAVA";

    private static HostNamespace host;
    private static StandaloneTestApp app;
    private static ServiceClient.Person owner;
    private static String token;
    private static String service;
    private static Path workRoot;

    @BeforeAll
    static void start() throws Exception {
        workRoot = Files.createDirectories(Path.of(System.getProperty("scopecloud.test.work", "target")));
        host = HostNamespace.create();
        // on the namespace's link too: the installing host reaches the service at 10.232.0.1
        app = StandaloneTestApp.builder()
                .realProbeLimits()
                .set("server.applicationConnectors[0].bindHost", "0.0.0.0")
                .start();
        ServiceClient client = app.client();
        owner = client.signUp("install@example.com", PASSWORD, "Install");
        token = client.createToken(owner, "install.sh");
        service = "http://" + HostNamespace.OUTSIDE + ":" + app.port();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (host != null) {
                host.close(); // kills whatever still runs on the host, probes included
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void theOneLinerInstallsAndStartsTheProbeAndScopeUninstallRemovesIt() throws Exception {
        Path work = Files.createTempDirectory(workRoot, "install");
        Path prefix = Files.createDirectory(work.resolve("prefix"));
        Path state = work.resolve("state");
        List<String> flags = flags(prefix, state, work);
        ServiceClient client = app.client();

        // A download whose jar is not the one the service published: refused, nothing installed.
        String served = client.get("/install/scope", null).body();
        try (Tampered tampered = new Tampered(served)) {
            Result refused = oneLiner(flags, Map.of("SCOPE_INSTALL_BASE", tampered.base()), work);
            assertThat(refused.exit()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("SHA-256 mismatch for probe-");
            assertThat(filesUnder(prefix)).as("installed after a bad download").isEmpty();
        }

        Result installed = oneLiner(flags, Map.of(), work);
        assertThat(installed.exit()).as(installed.output()).isZero();
        Path lib = prefix.resolve("lib/scope-cloud");
        assertThat(prefix.resolve("bin/scope")).isExecutable();
        assertThat(lib.resolve("scope-probe.jar")).isRegularFile();
        assertThat(Files.readString(lib.resolve("token")).trim()).isEqualTo(token);
        assertThat(Files.getPosixFilePermissions(lib.resolve("token")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        long pid = Long.parseLong(Files.readString(state.resolve("probe.pid")).trim());
        assertThat(HostNamespace.pids())
                .as("the probe runs on the host (its namespace)")
                .contains(pid);
        String commandLine =
                Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        assertThat(commandLine).contains("io.scopecloud.probe.ProbeMain").doesNotContain(token);

        awaitHostOnTheMap();

        Result uninstalled = onHost(
                List.of(prefix.resolve("bin/scope").toString(), "uninstall", "--state-dir=" + state), Map.of(), work);
        assertThat(uninstalled.exit()).as(uninstalled.output()).isZero();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("the probe after uninstall")
                .isEmpty();
        assertThat(HostNamespace.pids()).as("left running on the host").isEmpty();
        try (Stream<Path> left = Files.list(prefix)) {
            assertThat(left).as("left under the prefix").isEmpty();
        }
    }

    @Test
    void withSystemdItInstallsAUnitSystemdAcceptsThatRunsTheProbeAndUninstallRemovesIt() throws Exception {
        Path work = Files.createTempDirectory(workRoot, "systemd");
        Path prefix = Files.createDirectory(work.resolve("prefix"));
        Path units = work.resolve("systemd");
        Path calls = work.resolve("systemctl-calls");
        Path bin = recordingSystemctl(work, calls);
        Map<String, String> env =
                Map.of("SCOPE_SYSTEMD_DIR", units.toString(), "PATH", bin + ":" + System.getenv("PATH"));
        List<String> flags = new ArrayList<>(flags(prefix, work.resolve("state"), work));
        flags.add("--systemd");

        Result installed = oneLiner(flags, env, work);
        assertThat(installed.exit()).as(installed.output()).isZero();
        assertThat(installed.output()).contains("the probe runs as " + UNIT);
        Path unit = units.resolve(UNIT);
        String text = Files.readString(unit);
        assertThat(text)
                .contains("ExecStart=" + prefix.resolve("bin/scope") + " run --service-url=" + service)
                .contains("Restart=always")
                .contains("WantedBy=multi-user.target")
                .doesNotContain(token);
        assertThat(Files.readAllLines(calls)).containsExactly("daemon-reload", "enable " + UNIT, "restart " + UNIT);
        Result verified = run(List.of("systemd-analyze", "verify", unit.toString()), Map.of(), work);
        assertThat(verified.exit())
                .as("systemd-analyze verify: " + verified.output())
                .isZero();

        // what systemd would run: the unit's ExecStart, in the foreground, on the host
        String execStart = text.lines()
                .filter(l -> l.startsWith("ExecStart="))
                .findFirst()
                .orElseThrow()
                .substring("ExecStart=".length());
        Process probe = new ProcessBuilder(HostNamespace.exec(List.of("sh", "-c", "exec " + execStart)))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("unit.log").toFile())
                .start();
        try {
            awaitHostOnTheMap();
        } finally {
            probe.destroy();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly().waitFor();
            }
        }

        Result uninstalled = onHost(
                List.of(prefix.resolve("bin/scope").toString(), "uninstall", "--state-dir=" + work.resolve("state")),
                env,
                work);
        assertThat(uninstalled.exit()).as(uninstalled.output()).isZero();
        assertThat(unit).doesNotExist();
        assertThat(Files.readAllLines(calls)).contains("disable --now " + UNIT);
        try (Stream<Path> left = Files.list(prefix)) {
            assertThat(left).as("left under the prefix").isEmpty();
        }
    }

    @Test
    void withoutJavaItSaysWhatItNeedsAndInstallsNothingEvenWhenAskedToInstallJavaWithNoPackageManager()
            throws Exception {
        Path work = Files.createTempDirectory(workRoot, "nojava");
        Path prefix = Files.createDirectory(work.resolve("prefix"));
        // a host with the basic tools and no Java (and no apt-get, dnf or yum)
        Path bin = Files.createDirectory(work.resolve("bin"));
        for (String tool : List.of(
                "sh", "curl", "sed", "head", "cat", "cut", "mktemp", "rm", "mkdir", "chmod", "cp", "mv", "sha256sum")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        Map<String, String> env = Map.of("PATH", bin.toString(), NO_JAVA, "");
        List<String> flags = flags(prefix, work.resolve("state"), work);

        Result refused = oneLiner(flags, env, work);
        assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output())
                .contains("the probe needs Java 17 or newer, and this host has none")
                .contains("apt-get install openjdk-17-jre-headless")
                .contains("dnf install java-17-openjdk-headless")
                .contains("--install-java");
        assertThat(filesUnder(prefix)).isEmpty();

        List<String> withFlag = new ArrayList<>(flags);
        withFlag.add("--install-java");
        Result noManager = oneLiner(withFlag, env, work);
        assertThat(noManager.exit()).as(noManager.output()).isEqualTo(1);
        assertThat(noManager.output())
                .contains("Java 17 or newer is missing: installing the distribution's Java 17 runtime")
                .contains("--install-java knows apt-get, dnf and yum, and found none");
        assertThat(filesUnder(prefix)).isEmpty();
    }

    private static List<String> flags(Path prefix, Path state, Path work) throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        return List.of(
                "--service-token=" + token,
                "--service-url=" + service,
                "--prefix=" + prefix,
                "--state-dir=" + state,
                "--probe.docker=false",
                "--probe.plugins.root=" + plugins);
    }

    private static void awaitHostOnTheMap() throws InterruptedException {
        String node = HostName.resolve(Path.of("/proc"), System.getenv()) + ";<host>";
        HttpResponse<String> answer = app.client()
                .awaitGet(
                        "/api/app/" + owner.org() + "/api/topology/hosts/"
                                + URLEncoder.encode(node, StandardCharsets.UTF_8)
                                        .replace("+", "%20"),
                        token,
                        r -> r.statusCode() == 200,
                        Duration.ofSeconds(90));
        assertThat(ServiceClient.tree(answer.body()).path("node").path("id").asText())
                .isEqualTo(node);
    }

    /**
     * A {@code systemctl} that records its arguments, one call a line: this machine's PID 1 is not
     * systemd, so the real one cannot enable or start anything.
     */
    private static Path recordingSystemctl(Path work, Path calls) throws IOException {
        Path bin = Files.createDirectory(work.resolve("systemctl-bin"));
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >>'" + calls + "'\n");
        systemctl.toFile().setExecutable(true);
        Files.createFile(calls);
        return bin;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !Files.isDirectory(p)).toList();
        }
    }

    private record Result(int exit, String output) {}

    /** The onboarding page's line, run on the host: curl -fsSL <service>/install.sh | sh -s -- flags. */
    private static Result oneLiner(List<String> flags, Map<String, String> env, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "curl -fsSL \"$0/install.sh\" | sh -s -- \"$@\""));
        command.add(service);
        command.addAll(flags);
        return onHost(command, env, work);
    }

    private static Result onHost(List<String> command, Map<String, String> env, Path work) throws Exception {
        return run(HostNamespace.exec(command), env, work);
    }

    private static Result run(List<String> command, Map<String, String> env, Path work) throws Exception {
        Path log = Files.createTempFile(work, "run", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("SCOPE_SERVICE_TOKEN");
        builder.environment().putAll(env);
        if (env.containsKey(NO_JAVA)) {
            builder.environment().remove("JAVA_HOME");
            builder.environment().remove(NO_JAVA);
        }
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
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HostNamespace.OUTSIDE), 0), 0);
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
            return "http://" + HostNamespace.OUTSIDE + ":" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
