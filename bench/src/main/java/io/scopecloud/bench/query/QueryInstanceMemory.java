package io.scopecloud.bench.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one query instance (a JVM of its own) holds: its live heap (the objects a full GC keeps, {@code jcmd
 * GC.class_histogram}), its resident set ({@code /proc/<pid>/status}) and the probes in its windows (its {@code
 * scope_query_probes} gauge on the admin port).
 *
 * <p>The live heap is taken in the same safepoint as its full GC. It used to be {@code GC.run}, then {@code
 * GC.heap_info} in a second {@code jcmd}: under load that counted what the instance allocated between the two, 60 to
 * 170 MiB per instance in the 1,000-probe runs, where the full GC's own log line showed the live heap
 * (bench/README.md, "End to end at scale").
 */
record QueryInstanceMemory(long liveHeapBytes, long rssBytes, int probes, String largestClasses) {
    /** How many of the histogram's classes (the largest by bytes) {@link #largestClasses} names. */
    private static final int LARGEST = 8;

    /** A class line of the histogram: rank, instances, bytes, class name. */
    private static final Pattern CLASS_LINE = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    /** The histogram's last line: all live instances and their bytes. */
    private static final Pattern LIVE_BYTES = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern PROBES = Pattern.compile("(?m)^scope_query_probes(?:\\{[^}]*})? ([0-9.eE+]+)$");

    static QueryInstanceMemory measure(long pid, String adminUrl, HttpClient http) throws Exception {
        String histogram = jcmd(pid, "GC.class_histogram");
        Matcher live = LIVE_BYTES.matcher(histogram);
        if (!live.find()) {
            throw new IllegalStateException("no Total line in jcmd " + pid + " GC.class_histogram:\n"
                    + histogram.substring(0, Math.min(2_000, histogram.length())));
        }
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!rss.find()) {
            throw new IllegalStateException("no VmRSS for process " + pid);
        }
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(adminUrl + "/metrics"))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher probes = PROBES.matcher(metrics);
        if (!probes.find()) {
            throw new IllegalStateException("no scope_query_probes gauge at " + adminUrl + "/metrics");
        }
        return new QueryInstanceMemory(
                Long.parseLong(live.group(1)),
                Long.parseLong(rss.group(1)) * 1024,
                (int) Double.parseDouble(probes.group(1)),
                largest(histogram));
    }

    /** The largest classes of the histogram, with their MiB: what made up a live heap that differs between runs. */
    private static String largest(String histogram) {
        Matcher m = CLASS_LINE.matcher(histogram);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < LARGEST && m.find(); i++) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(m.group(2))
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", Long.parseLong(m.group(1)) / 1048576.0));
        }
        return out.toString();
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
        }
        return out;
    }
}
