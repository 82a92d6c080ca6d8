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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one query instance (a JVM of its own) holds: its heap after a full GC ({@code jcmd
 * GC.run}, then {@code GC.heap_info}), its resident set ({@code /proc/<pid>/status}) and the
 * probes in its windows (its {@code scope_query_probes} gauge on the admin port).
 */
record QueryInstanceMemory(long heapUsedBytes, long rssBytes, int probes) {
    /** G1's one heap line, or the parallel collector's two generations (summed). */
    private static final Pattern HEAP_USED =
            Pattern.compile("(?:heap|PSYoungGen|ParOldGen)\\s+total \\d+K, used (\\d+)K");

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern PROBES = Pattern.compile("(?m)^scope_query_probes(?:\\{[^}]*})? ([0-9.eE+]+)$");

    static QueryInstanceMemory measure(long pid, String adminUrl, HttpClient http) throws Exception {
        jcmd(pid, "GC.run");
        String heapInfo = jcmd(pid, "GC.heap_info");
        Matcher heap = HEAP_USED.matcher(heapInfo);
        long heapUsedKiB = 0;
        boolean found = false;
        while (heap.find()) {
            heapUsedKiB += Long.parseLong(heap.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap size in jcmd " + pid + " GC.heap_info:\n" + heapInfo);
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
                heapUsedKiB * 1024, Long.parseLong(rss.group(1)) * 1024, (int) Double.parseDouble(probes.group(1)));
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
