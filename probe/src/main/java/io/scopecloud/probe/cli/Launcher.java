package io.scopecloud.probe.cli;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.kubernetes.KubernetesOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code scope launch}, {@code scope stop} and {@code scope status}: starts the probe as a
 * detached background JVM with a pid file and a log, waits a few seconds to tell the user whether
 * its first report got through (or why not), and finds it again later through the pid file.
 */
public final class Launcher {
    /**
     * JVM options that keep the probe small; {@code $SCOPE_PROBE_JAVA_OPTS} replaces them. The
     * serial collector and C1 alone (no C2 compiler threads and arenas) keep the JVM's own memory
     * low; a host with 10,000 connections needs about 40 MiB of heap at a publish. The heap starts
     * at 40 MiB with a fixed 16 MiB young generation, grows to keep 40 % free and shrinks only
     * past 70 % free: with {@code -Xms16m} and 10/30 % it sat at ~23 MiB around a ~15 MiB live
     * set, and under the benchmark's load the collector ran a full collection every ~2 s, about a
     * quarter of the probe's CPU, to save ~25 MiB of RSS (bench/README.md, "Probe"). Without
     * {@code UsePerfData} the JVM does not sample its counters every 50 ms (≈ 0.1 % of a core;
     * {@code jcmd <pid>} still works, {@code jps} no longer lists the probe). The JVM's own
     * housekeeping threads look for idle monitors to deflate every 250 ms and for safepoint
     * clean-up every second; on a VM each such wake-up costs the probe more than the work it
     * finds, so both look every 5 s (the two diagnostic options; monitors are still deflated, at
     * the latest every 60 s). The {@code scope} script (foreground {@code scope run}) has the same
     * options (a test keeps them equal) and the probe benchmark reads them from here.
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-Xms40m",
            "-Xmx64m",
            "-Xmn16m",
            "-XX:MinHeapFreeRatio=40",
            "-XX:MaxHeapFreeRatio=70",
            "-Xss512k",
            "-XX:MaxMetaspaceSize=64m",
            "-XX:ReservedCodeCacheSize=24m",
            "-XX:MaxDirectMemorySize=32m",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:AsyncDeflationInterval=5000",
            "-XX:GuaranteedSafepointInterval=5000");

    /** A probe that lists and watches a Kubernetes API server keeps the cluster's objects in memory. */
    static final String API_WATCHER_HEAP = "-Xmx192m";

    /**
     * The options {@code scope launch} starts the probe with: {@link #JVM_OPTIONS}, with a 192 MiB heap for a probe that
     * watches the API server (the cluster role, or both roles in one), as the cluster Deployment runs it: 64 MiB runs
     * out near 5,000 pods (bench/README.md, "Kubernetes cluster-role probe").
     */
    public static List<String> jvmOptions(KubernetesOptions kubernetes) {
        if (!kubernetes.watchesApi()) {
            return JVM_OPTIONS;
        }
        return JVM_OPTIONS.stream()
                .map(o -> o.startsWith("-Xmx") ? API_WATCHER_HEAP : o)
                .toList();
    }

    private final PrintStream out;
    private final Map<String, String> env;
    private final Duration startupWait;

    public Launcher(PrintStream out, Map<String, String> env, Duration startupWait) {
        this.out = requireNonNull(out, "out is null");
        this.env = requireNonNull(env, "env is null");
        this.startupWait = requireNonNull(startupWait, "startupWait is null");
    }

    /** Starts the probe in the background; returns the exit code. */
    public int launch(ProbeConfig config) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = PidFile.runningProbe(config.pidFile());
        if (running.isPresent()) {
            out.println(
                    "The Scope probe is already running (pid " + running.get().pid() + ").");
            out.println("Run `scope stop` first to restart it with new settings.");
            return 1;
        }
        Files.createDirectories(config.stateDir());
        Files.deleteIfExists(config.statusFile());
        ProcessBuilder builder = new ProcessBuilder(command(config));
        builder.environment().put(ProbeFlags.TOKEN_ENV, config.token());
        if (!config.kubernetes().token().isEmpty()) {
            builder.environment()
                    .put(ProbeFlags.KUBERNETES_TOKEN_ENV, config.kubernetes().token());
        }
        if (!config.kubernetes().password().isEmpty()) {
            builder.environment()
                    .put(ProbeFlags.KUBERNETES_PASSWORD_ENV, config.kubernetes().password());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()));
        Process child = builder.start();
        long pid = child.pid();
        Optional<Properties> status = awaitFirstReport(child, config.statusFile(), pid);
        if (!child.isAlive()) {
            out.println("The Scope probe failed to start. The end of " + config.logFile() + ":");
            tail(config.logFile(), 20).forEach(line -> out.println("  " + line));
            return 1;
        }
        out.println("Scope probe launched in the background (pid " + pid + ").");
        out.println("  service:  " + config.serviceUrl());
        status.map(p -> p.getProperty("probeId")).ifPresent(id -> out.println("  probe ID: " + id));
        out.println("  log:      " + config.logFile());
        out.println("  pid file: " + config.pidFile());
        String state = status.map(p -> p.getProperty("state", "")).orElse("");
        if (state.equals("ok")) {
            out.println("Reports are reaching the service. See this host on your map: open " + config.serviceUrl()
                    + " and choose your organisation.");
        } else if (state.equals("failing")) {
            out.println("Problem: " + status.get().getProperty("lastProblem"));
            out.println("The probe keeps retrying in the background; see `scope status`.");
        } else {
            out.println(
                    "No report has been sent yet; `scope status` shows how it goes. Your map: " + config.serviceUrl());
        }
        out.println("Stop it with `scope stop`.");
        return 0;
    }

    /** Stops the background probe; returns the exit code. */
    public int stop(ProbeConfig config) throws InterruptedException {
        Optional<ProcessHandle> running = PidFile.runningProbe(config.pidFile());
        if (running.isEmpty()) {
            out.println("The Scope probe is not running.");
            return 0;
        }
        ProcessHandle process = running.get();
        process.destroy();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        PidFile.removeIfOwned(config.pidFile(), process.pid());
        out.println("Stopped the Scope probe (pid " + process.pid() + ").");
        return 0;
    }

    /** Reports whether the probe runs and how publishing goes; 0 when running, 3 when not (LSB). */
    public int status(ProbeConfig config) {
        Optional<ProcessHandle> running = PidFile.runningProbe(config.pidFile());
        if (running.isEmpty()) {
            out.println("The Scope probe is not running.");
            return 3;
        }
        out.println("The Scope probe is running (pid " + running.get().pid() + ").");
        Optional<Properties> status = StatusFile.read(config.statusFile());
        if (status.isEmpty()) {
            return 0;
        }
        Properties p = status.get();
        out.println("  service:  " + p.getProperty("serviceUrl", "?"));
        out.println("  probe ID: " + p.getProperty("probeId", "?"));
        out.println("  version:  " + p.getProperty("version", "?"));
        out.println("  started:  " + p.getProperty("startedAt", "?"));
        String accepted = p.getProperty("lastAccepted");
        out.println("  last report accepted: " + (accepted == null ? "never" : accepted));
        if ("failing".equals(p.getProperty("state"))) {
            out.println("  problem (" + p.getProperty("lastProblemAt", "?") + "): " + p.getProperty("lastProblem"));
        }
        out.println("  log:      " + config.logFile());
        return 0;
    }

    List<String> command(ProbeConfig config) {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString()); // leave the terminal's session: no SIGHUP when it closes
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        String options = env.get("SCOPE_PROBE_JAVA_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        } else {
            command.addAll(jvmOptions(config.kubernetes()));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PidFile.MAIN_CLASS);
        command.add("run");
        command.addAll(ProbeFlags.childArgs(config));
        return command;
    }

    /** Waits until the child has published once (or failed to), died, or the wait is over. */
    private Optional<Properties> awaitFirstReport(Process child, Path statusFile, long pid)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(startupWait);
        Optional<Properties> status = Optional.empty();
        while (Instant.now().isBefore(deadline) && child.isAlive()) {
            status = StatusFile.read(statusFile).filter(p -> Long.toString(pid).equals(p.getProperty("pid")));
            String state = status.map(p -> p.getProperty("state", "")).orElse("");
            if (state.equals("ok") || state.equals("failing")) {
                return status;
            }
            Thread.sleep(200);
        }
        return status;
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read the log: " + e.getMessage() + ")");
        }
    }
}
