package io.scopecloud.bench.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The cluster-role probe's cost and report size for a large cluster: fabric8's mock API server
 * in CRUD mode on loopback loaded with {@code pods} pods, {@code deployments} deployments (and
 * their replica sets) and {@code services} services over 20 namespaces and 50 nodes, a fake
 * service on loopback that keeps every posted report ({@link FakeScopeService}), and the real
 * probe ({@code probe/target/probe-*-all.jar}) in a child JVM with {@code scope launch}'s JVM
 * options and the cluster role's flags (those of {@code infra/kubernetes/probe/deployment.yaml}).
 * After the first full report with every pod, the cluster changes {@code changes} times a second
 * for {@code seconds}, and the probe's CPU time (/proc stat), VmRSS (sampled every second) and
 * VmHWM and the posted reports' sizes are printed. Bounded and self-stopping.
 *
 * <p>Run (after {@code ./mvnw -pl probe,bench -am package -DskipTests}): {@code java -cp
 * bench/target/benchmarks.jar io.scopecloud.bench.probe.KubernetesClusterBench [pods] [deployments]
 * [services] [seconds] [changes] [nopublish]} (defaults 5000 500 1000 180 2; {@code nopublish}: no periodic
 * report, the floor of the JVM and its informers); {@code fixture <dir>
 * <scope-posts-dir>} instead loads a fixture cluster's YAML and compares the bytes per node of the
 * probe's first full report with those of Scope's posted full reports of the same cluster.
 * {@code $PROBE_BENCH_JVM_OPTS} appends JVM options to the probe's (a flight recording), {@code
 * $PROBE_BENCH_FLAGS} probe flags; the probe's CPU is also printed by thread.
 */
public final class KubernetesClusterBench {
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    private static final Duration FIRST_REPORT_TIMEOUT = Duration.ofMinutes(4);
    /** Held, so that the level stays set: the mock logs every request at INFO. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    /** The "nopublish" mode's publish interval: no periodic report within the bench's 10 minutes. */
    private static final String NO_PUBLISH_INTERVAL = "1h";
    /** In the "nopublish" mode, the wait after the first lists before measuring (JIT, first GCs). */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private KubernetesClusterBench() {}

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(Level.WARNING);
        if (args.length > 0 && args[0].equals("fixture")) {
            if (args.length < 3) {
                throw new IllegalArgumentException("usage: fixture <cluster-yaml-dir> <scope-posts-dir>");
            }
            compareWithFixture(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int deployments = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int services = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 180;
        int changes = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        boolean publishing = args.length <= 5 || !args[5].equals("nopublish");
        if (pods > 20_000
                || services > 5_000
                || deployments < 1
                || deployments > pods
                || seconds > 600
                || changes < 0
                || changes > 50) {
            throw new IllegalArgumentException(
                    "bounded: at most 20,000 pods, 5,000 services, 10 minutes, 50 changes a second");
        }
        try (MockCluster cluster = new MockCluster()) {
            long started = System.nanoTime();
            cluster.loadSynthetic(20, 50, deployments, pods, services);
            System.out.printf(
                    Locale.ROOT,
                    "cluster: %d pods, %d deployments (and replica sets), %d services, 20 namespaces, 50 nodes"
                            + " loaded in %.1f s at %s%n",
                    cluster.pods(),
                    deployments,
                    services,
                    (System.nanoTime() - started) / 1e9,
                    cluster.url());
            List<String> flags = new ArrayList<>(benchFlags());
            if (!publishing) {
                flags.add("--probe.publish.interval=" + NO_PUBLISH_INTERVAL); // after the bench ends
            }
            try (FakeScopeService service = new FakeScopeService();
                    RunningProbe probe = RunningProbe.start(cluster.url(), service, flags)) {
                if (publishing) {
                    FakeScopeService.Posted first = awaitFullReport(service, probe, cluster.pods());
                    print("first full report", first, probe.startedNanos);
                } else {
                    awaitListedPods(service, probe, cluster.pods());
                    System.out.printf(
                            Locale.ROOT,
                            "no publishing (--probe.publish.interval=%s): every pod listed %.1f s after the probe"
                                    + " started (its pods shortcut reports); settling for %d s%n",
                            NO_PUBLISH_INTERVAL,
                            (System.nanoTime() - probe.startedNanos) / 1e9,
                            SETTLE.toSeconds());
                    Thread.sleep(SETTLE.toMillis());
                }
                measure(cluster, service, probe, seconds, changes);
            }
        }
    }

    private static void measure(
            MockCluster cluster, FakeScopeService service, RunningProbe probe, int seconds, int changes)
            throws IOException, InterruptedException {
        int postedBefore = service.posted().size();
        String loadBefore = ProbeLoadBench.loadAverage();
        long[] before = ProbeLoadBench.cpuTimes(probe.pid());
        ThreadTimes threadsBefore = ThreadTimes.of(probe.pid());
        long wallBefore = System.nanoTime();
        long maxRss = 0;
        long next = wallBefore;
        long pause = changes == 0 ? 1_000_000_000L : 1_000_000_000L / changes;
        int made = 0;
        while (System.nanoTime() - wallBefore < seconds * 1_000_000_000L) {
            if (changes > 0) {
                cluster.change();
                made++;
            }
            next += pause;
            long sleep = (next - System.nanoTime()) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            maxRss = Math.max(maxRss, status(probe.pid(), "VmRSS:"));
            probe.checkAlive();
        }
        long[] after = ProbeLoadBench.cpuTimes(probe.pid());
        ThreadTimes threadsAfter = ThreadTimes.of(probe.pid());
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double user = (after[0] - before[0]) / (double) CLOCK_TICKS;
        double system = (after[1] - before[1]) / (double) CLOCK_TICKS;
        List<FakeScopeService.Posted> steady =
                service.posted().subList(postedBefore, service.posted().size());
        System.out.printf(
                Locale.ROOT,
                "steady state, %.0f s, %d cluster changes: CPU %.2f %% of one core (user %.2f %%, system %.2f %%);"
                        + " VmRSS max %.1f MiB, VmHWM %.1f MiB; load average %s -> %s%n",
                wall,
                made,
                100 * (user + system) / wall,
                100 * user / wall,
                100 * system / wall,
                maxRss / 1024.0,
                status(probe.pid(), "VmHWM:") / 1024.0,
                loadBefore,
                ProbeLoadBench.loadAverage());
        List<FakeScopeService.Posted> fulls = new ArrayList<>();
        List<FakeScopeService.Posted> deltas = new ArrayList<>();
        List<FakeScopeService.Posted> shortcuts = new ArrayList<>();
        for (FakeScopeService.Posted p : steady) {
            ReportAnatomy anatomy = ReportAnatomy.of(p.body());
            // a delta (--probe.full-report-every) carries only the nodes that changed
            (anatomy.shortcut() ? shortcuts : anatomy.nodes("Pod") >= cluster.pods() / 2 ? fulls : deltas).add(p);
        }
        System.out.printf(
                Locale.ROOT,
                "steady-state reports: %d full (%s), %d delta (%s), %d shortcut (%s); CPU per publish %.0f ms%n",
                fulls.size(),
                sizes(fulls),
                deltas.size(),
                sizes(deltas),
                shortcuts.size(),
                sizes(shortcuts),
                fulls.size() + deltas.size() == 0 ? 0 : 1000 * (user + system) / (fulls.size() + deltas.size()));
        System.out.print("CPU by thread (% of one core over the window):\n"
                + threadsAfter.describe(threadsBefore, wall, CLOCK_TICKS));
    }

    /** Waits until the probe's shortcut reports have carried every pod once (its first list). */
    private static void awaitListedPods(FakeScopeService service, RunningProbe probe, int pods)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FIRST_REPORT_TIMEOUT.toNanos();
        int seen = 0;
        int listed = 0;
        while (System.nanoTime() < deadline) {
            List<FakeScopeService.Posted> posted = service.posted();
            for (; seen < posted.size(); seen++) {
                ReportAnatomy anatomy = ReportAnatomy.of(posted.get(seen).body());
                if (anatomy.shortcut()) {
                    listed += anatomy.nodes("Pod");
                }
            }
            if (listed >= pods) {
                return;
            }
            probe.checkAlive();
            Thread.sleep(200);
        }
        throw new IllegalStateException("the probe's shortcut reports did not carry " + pods + " pods within "
                + FIRST_REPORT_TIMEOUT + ": see " + probe.log);
    }

    /** {@code $PROBE_BENCH_FLAGS}: more probe flags (e.g. {@code --probe.full-report-every=5}). */
    private static List<String> benchFlags() {
        String flags = System.getenv("PROBE_BENCH_FLAGS");
        return flags == null || flags.isBlank()
                ? List.of()
                : List.of(flags.trim().split("\\s+"));
    }

    /** median sent (gzip) and raw sizes. */
    private static String sizes(List<FakeScopeService.Posted> posts) {
        if (posts.isEmpty()) {
            return "none";
        }
        List<Integer> sent =
                posts.stream().map(FakeScopeService.Posted::sent).sorted().toList();
        List<Integer> raw =
                posts.stream().map(FakeScopeService.Posted::raw).sorted().toList();
        return String.format(
                Locale.ROOT,
                "median %,d B gzipped, %,d B msgpack; gzipped %,d–%,d B",
                sent.get(sent.size() / 2),
                raw.get(raw.size() / 2),
                sent.get(0),
                sent.get(sent.size() - 1));
    }

    private static FakeScopeService.Posted awaitFullReport(FakeScopeService service, RunningProbe probe, int pods)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FIRST_REPORT_TIMEOUT.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<FakeScopeService.Posted> posted = service.posted();
            for (; seen < posted.size(); seen++) {
                FakeScopeService.Posted p = posted.get(seen);
                ReportAnatomy anatomy = ReportAnatomy.of(p.body());
                if (!anatomy.shortcut() && anatomy.nodes("Pod") >= pods) {
                    return p;
                }
            }
            probe.checkAlive();
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "no full report with " + pods + " pods within " + FIRST_REPORT_TIMEOUT + ": see " + probe.log);
    }

    private static void print(String what, FakeScopeService.Posted report, long since) throws IOException {
        ReportAnatomy anatomy = ReportAnatomy.of(report.body());
        System.out.printf(
                Locale.ROOT,
                "%s: %.1f s after the probe started, %,d B gzipped as sent, %,d B msgpack"
                        + " (%,d B at gzip level 6, %,d at level 9)%n",
                what,
                (report.nanoTime() - since) / 1e9,
                report.sent(),
                report.raw(),
                gzipped(report.body(), 6),
                gzipped(report.body(), 9));
        printAnatomy(anatomy);
    }

    private static void printAnatomy(ReportAnatomy anatomy) {
        anatomy.topologies().forEach((name, t) -> {
            if (t.nodes() > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-22s %6d nodes %,12d B  %,8.0f B/node%n",
                        name,
                        t.nodes(),
                        t.nodeBytes(),
                        t.bytesPerNode());
            }
        });
    }

    /**
     * The fixture cluster through our probe, and Scope's full reports of it: the bytes per node
     * of each topology in both, measured by {@link ReportAnatomy}.
     */
    private static void compareWithFixture(Path clusterDir, Path scopePosts) throws Exception {
        System.out.println("Scope 1.13's full reports of the fixture cluster (cluster-role probe):");
        try (Stream<Path> files = Files.list(scopePosts)) {
            for (Path post : files.filter(p -> p.toString().endsWith(".msgpack.gz"))
                    .sorted()
                    .toList()) {
                byte[] raw;
                try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(post))) {
                    raw = in.readAllBytes();
                }
                ReportAnatomy anatomy = ReportAnatomy.of(raw);
                if (!anatomy.shortcut() && anatomy.nodes("Pod") > 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "%s: %,d B gzipped, %,d B msgpack%n",
                            post.getFileName(),
                            Files.size(post),
                            raw.length);
                    printAnatomy(anatomy);
                }
            }
        }
        try (MockCluster cluster = new MockCluster()) {
            cluster.loadFixture(clusterDir);
            try (FakeScopeService service = new FakeScopeService();
                    RunningProbe probe = RunningProbe.start(cluster.url(), service, benchFlags())) {
                FakeScopeService.Posted first = awaitFullReport(service, probe, 8);
                print("our probe's first full report of the same cluster", first, probe.startedNanos);
            }
        }
    }

    /** The size of {@code bytes} gzipped at {@code level} (zlib's; Go's gzip default is 6 as well). */
    private static int gzipped(byte[] bytes, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(bytes);
        }
        return out.size();
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The probe in the cluster role, in a child JVM started as {@code scope launch} starts it. */
    private static final class RunningProbe implements AutoCloseable {
        final Process process;
        final Path log;
        final long startedNanos;

        private RunningProbe(Process process, Path log, long startedNanos) {
            this.process = process;
            this.log = log;
            this.startedNanos = startedNanos;
        }

        static RunningProbe start(String apiServer, FakeScopeService service, List<String> flags) throws Exception {
            service.keepReports();
            Path jar = ProbeLoadBench.probeJar();
            Path state = Files.createTempDirectory("k8s-probe-bench");
            List<String> command = ProbeLoadBench.javaCommand(ClusterProbeJvm.options(jar));
            command.addAll(List.of(
                    "-jar",
                    jar.toString(),
                    "run",
                    "--service-url=http://127.0.0.1:" + service.port(),
                    "--probe.kubernetes=true",
                    "--probe.kubernetes.role=cluster",
                    "--probe.kubernetes.server=" + apiServer,
                    "--probe.docker=false",
                    "--probe.processes=false",
                    "--probe.plugins.root=",
                    "--state-dir=" + state));
            command.addAll(flags);
            Path log = state.resolve("probe.out");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("SCOPE_SERVICE_TOKEN", "bench");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            System.out.println("probe: " + String.join(" ", command) + " (log " + log + ")");
            return new RunningProbe(process, log, System.nanoTime());
        }

        long pid() {
            return process.pid();
        }

        /** Fails when the probe exited or one of its threads died of an OutOfMemoryError (it may live on). */
        void checkAlive() throws IOException {
            if (!process.isAlive()) {
                throw new IllegalStateException("the probe exited (" + process.exitValue() + "): see " + log);
            }
            if (Files.readString(log).contains("OutOfMemoryError")) {
                throw new IllegalStateException(
                        "the probe ran out of heap: see " + log + " (PROBE_BENCH_JVM_OPTS=-Xmx256m gives it more)");
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
