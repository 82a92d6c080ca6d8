package io.scopecloud.bench.probe;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The probe's own cost on this machine while it reports a loaded host: {@code processes} extra
 * processes ({@code sleep}) and {@code connections} established TCP connections on loopback (both
 * ends held by this JVM), a fake service on loopback that accepts every report and holds the
 * probe's control connection ({@link FakeScopeService}), and the real
 * probe ({@code probe/target/probe-*-all.jar}, started as {@code scope launch} starts it, with
 * its small-heap JVM options) in a child JVM. After a warm-up it samples the child's CPU time and
 * RSS from /proc over several consecutive windows, and prints each window (with the load average)
 * and the best and median. Everything is bounded and stops itself: the children are killed and
 * the sockets closed at the end, or when this JVM exits.
 *
 * <p>Run (after {@code ./mvnw -pl probe,bench -am package -DskipTests}):
 * {@code java -cp bench/target/benchmarks.jar io.scopecloud.bench.probe.ProbeLoadBench [processes] [connections]
 * [warmupSeconds] [measureSeconds] [windows]} (defaults 500, 5000, 20, 60, 3); {@code $PROBE_BENCH_FLAGS}
 * adds probe flags, {@code $PROBE_BENCH_JVM_OPTS} JVM options (a flight recording), and
 * {@code $PROBE_BENCH_CHURN} that many short-lived loopback connections a second (at most 1,000)
 * on top of the established ones, so that the probe finds new connections at every tick.
 */
public final class ProbeLoadBench {
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private ProbeLoadBench() {}

    public static void main(String[] args) throws Exception {
        int processes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int measure = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int windows = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        if (processes > 2000 || connections > 8000 || windows < 1 || warmup + windows * measure > 600) {
            throw new IllegalArgumentException("bounded: at most 2000 processes, 8000 connections, 10 minutes");
        }
        Path jar = probeJar();
        List<Process> children = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(children, sockets)));
        try (ServerSocket listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            for (int i = 0; i < processes; i++) {
                children.add(new ProcessBuilder("sleep", Integer.toString(warmup + windows * measure + 120))
                        .redirectErrorStream(true)
                        .start());
            }
            Thread acceptor = new Thread(() -> {
                try {
                    while (!listener.isClosed()) {
                        Socket accepted = listener.accept();
                        synchronized (sockets) {
                            sockets.add(accepted);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (int i = 0; i < connections; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                synchronized (sockets) {
                    sockets.add(s);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "load: %d processes and %d loopback connections in %.1f s%n",
                    processes,
                    connections,
                    (System.nanoTime() - started) / 1e9);
            int churn = Integer.parseInt(System.getenv().getOrDefault("PROBE_BENCH_CHURN", "0"));
            if (churn < 0 || churn > 1000) {
                throw new IllegalArgumentException("PROBE_BENCH_CHURN: 0 to 1000 connections a second");
            }
            if (churn > 0) {
                startChurn(churn);
                System.out.printf(Locale.ROOT, "churn: %d short-lived connections a second%n", churn);
            }

            try (FakeScopeService service = new FakeScopeService()) {
                Path state = Files.createTempDirectory("probe-bench");
                List<String> command = javaCommand(jar);
                command.addAll(List.of(
                        "-jar",
                        jar.toString(),
                        "run",
                        "--service-url=http://127.0.0.1:" + service.port(),
                        "--probe.plugins.root=",
                        "--state-dir=" + state));
                String flags = System.getenv("PROBE_BENCH_FLAGS"); // e.g. --probe.spy.interval=2s
                if (flags != null && !flags.isBlank()) {
                    command.addAll(List.of(flags.trim().split("\\s+")));
                }
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(state.resolve("probe.out").toFile());
                builder.environment().put("SCOPE_SERVICE_TOKEN", "bench");
                Process probe = builder.start();
                children.add(probe);
                Thread.sleep(Duration.ofSeconds(warmup).toMillis());
                if (!probe.isAlive()) {
                    throw new IllegalStateException("the probe exited: see " + state.resolve("probe.out"));
                }
                List<Double> percents = new ArrayList<>();
                for (int w = 1; w <= windows; w++) {
                    percents.add(measureWindow(probe.pid(), measure, w, service));
                }
                List<Double> sorted = new ArrayList<>(percents);
                sorted.sort(null);
                System.out.printf(
                        Locale.ROOT,
                        "probe CPU over %d windows of %d s: best %.2f %%, median %.2f %% of one core;"
                                + " %d processes and %d sockets on the host; %d control connection(s); load average %s%n",
                        windows,
                        measure,
                        sorted.get(0),
                        sorted.get(sorted.size() / 2),
                        countProcesses(),
                        countTcp(),
                        service.controlConnections(),
                        loadAverage());
            }
        } finally {
            cleanUp(children, sockets);
        }
    }

    /**
     * Opens and closes {@code perSecond} loopback connections a second, spread over the second,
     * against a listener that closes what it accepts (as clients without keep-alive do).
     */
    private static void startChurn(int perSecond) throws IOException {
        ServerSocket churnListener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    churnListener.accept().close();
                }
            } catch (IOException e) {
                // closed
            }
        });
        Thread client = new Thread(() -> {
            long pause = 1_000_000_000L / perSecond;
            try {
                while (true) {
                    new Socket(InetAddress.getLoopbackAddress(), churnListener.getLocalPort()).close();
                    Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
                }
            } catch (IOException | InterruptedException e) {
                // stopped
            }
        });
        acceptor.setDaemon(true);
        client.setDaemon(true);
        acceptor.start();
        client.start();
    }

    /**
     * Samples one window: the probe's CPU time (utime + stime, so other processes' load does not
     * count, though a starved probe does less work: hence the reports count and the CPU per
     * report) and its highest RSS.
     *
     * @return the CPU % of one core
     */
    private static double measureWindow(long pid, int seconds, int window, FakeScopeService service)
            throws IOException, InterruptedException {
        String loadBefore = loadAverage();
        int reportsBefore = service.reports();
        long bytesBefore = service.reportBytes();
        long[] before = cpuTimes(pid);
        long wallBefore = System.nanoTime();
        long maxRss = 0;
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(1000);
            maxRss = Math.max(maxRss, rssKiB(pid));
        }
        long[] times = cpuTimes(pid);
        double user = (times[0] - before[0]) / (double) CLOCK_TICKS;
        double system = (times[1] - before[1]) / (double) CLOCK_TICKS;
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        int sent = service.reports() - reportsBefore;
        double percent = 100 * (user + system) / wall;
        System.out.printf(
                Locale.ROOT,
                "window %d: %.2f %% of one core (user %.2f %%, system %.2f %%), max RSS %.1f MiB, over %.0f s;"
                        + " %d reports (%.0f ms CPU each), %.0f KiB each (gzipped); load average %s -> %s%n",
                window,
                percent,
                100 * user / wall,
                100 * system / wall,
                maxRss / 1024.0,
                wall,
                sent,
                sent == 0 ? 0 : 1000 * (user + system) / sent,
                sent == 0 ? 0 : (service.reportBytes() - bytesBefore) / 1024.0 / sent,
                loadBefore,
                loadAverage());
        return percent;
    }

    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /**
     * This JVM's {@code java} with the probe's options as {@code scope launch} passes them, then
     * {@code $PROBE_BENCH_JVM_OPTS} (e.g. a flight recording, a bigger heap); the jar and its
     * arguments follow.
     */
    static List<String> javaCommand(Path jar) throws Exception {
        return javaCommand(jvmOptions(jar));
    }

    /** java with {@code options} and then {@code $PROBE_BENCH_JVM_OPTS}. */
    static List<String> javaCommand(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        String extra = System.getenv("PROBE_BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        return command;
    }

    /** The probe's JVM options as {@code scope launch} passes them: {@code Launcher.JVM_OPTIONS} of that jar. */
    @SuppressWarnings("unchecked")
    static List<String> jvmOptions(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Class<?> launcher = Class.forName("io.scopecloud.probe.cli.Launcher", false, loader);
            Field options = launcher.getDeclaredField("JVM_OPTIONS"); // package-private in older probes
            options.setAccessible(true);
            return List.copyOf((List<String>) options.get(null));
        }
    }

    static Path probeJar() throws IOException {
        String override = System.getenv("SCOPE_PROBE_JAR");
        if (override != null) {
            return Path.of(override);
        }
        for (Path dir : List.of(Path.of("probe/target"), Path.of("../probe/target"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    var jar = files.filter(p -> p.getFileName().toString().matches("probe-.*-all\\.jar"))
                            .findFirst();
                    if (jar.isPresent()) {
                        return jar.get();
                    }
                }
            }
        }
        throw new IllegalStateException("no probe/target/probe-*-all.jar: run ./mvnw -pl probe -am package -DskipTests"
                + " first (or set SCOPE_PROBE_JAR)");
    }

    /** {utime, stime} of a process, in clock ticks. */
    static long[] cpuTimes(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static long countProcesses() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .count();
        }
    }

    private static long countTcp() throws IOException {
        long n = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                n += Files.readAllLines(Path.of(file)).size() - 1;
            } catch (IOException e) {
                // no IPv6
            }
        }
        return n;
    }

    private static void cleanUp(List<Process> children, List<Socket> sockets) {
        for (Process p : children) {
            p.destroyForcibly();
        }
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            sockets.clear();
        }
    }
}
