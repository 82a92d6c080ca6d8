package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One program on one of the {@link NetworkHosts} ({@code ip netns exec}, which execs it, so the
 * process is the program): its stdout and stderr appended to a log file, killed outright
 * ({@link #kill()}, SIGKILL) or stopped ({@link #stop()}, SIGTERM, then SIGKILL after 20 s), and
 * started again with the same command ({@link #start()}).
 */
final class HostProcess implements AutoCloseable {
    private final String name;
    private final String host;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    HostProcess(String name, String host, List<String> command, Map<String, String> environment, Path log) {
        this.name = requireNonNull(name, "name is null");
        this.host = requireNonNull(host, "host is null");
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = requireNonNull(log, "log is null");
    }

    /** The command line of a JVM running {@code mainClass} from this test's own classpath. */
    static List<String> java(String heap, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xss512k");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(Classpath.get());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    synchronized HostProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> full = new ArrayList<>(NetworkHosts.exec(host));
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "=== start " + java.time.Instant.now() + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            process.getOutputStream().close();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized int exitValue() {
        return process.exitValue();
    }

    synchronized long pid() {
        return process.pid();
    }

    /** SIGKILL: no goodbye on its sockets. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        await(30);
    }

    /** SIGTERM, then SIGKILL if it has not ended within 20 s. */
    synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!await(20)) {
            kill();
        }
    }

    /** Sends {@code signal} (e.g. INT) to the process. */
    synchronized void signal(String signal) {
        Shell.run("kill", "-" + signal, Long.toString(process.pid()));
    }

    synchronized boolean await(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String name() {
        return name;
    }

    String host() {
        return host;
    }

    Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return name + " (" + log + "):\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
