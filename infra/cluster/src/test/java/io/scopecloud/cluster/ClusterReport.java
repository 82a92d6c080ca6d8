package io.scopecloud.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cluster test's numbers: appended as they come, written to a file under target/ and printed. */
final class ClusterReport {
    private final Path file;
    private final List<String> lines = new ArrayList<>();

    ClusterReport(Path file) {
        this.file = file;
        line("# Cluster test, " + Instant.now());
    }

    synchronized void line(String text) {
        lines.add(text);
        System.out.println("[cluster] " + text);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(String format, Object... args) {
        line(String.format(Locale.ROOT, format, args));
    }

    void timing(String what, long startNanos) {
        line("%-50s %6.1f s", what, (System.nanoTime() - startNanos) / 1e9);
    }

    Path file() {
        return file;
    }
}
