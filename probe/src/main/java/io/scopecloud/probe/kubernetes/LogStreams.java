package io.scopecloud.probe.kubernetes;

import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pod's container logs as one stream, as Scope's "Get logs" shows them: one container's log as
 * it comes, several interleaved line by line, each line prefixed with {@code [container] }.
 */
final class LogStreams {
    private LogStreams() {}

    static InputStream merge(List<String> containers, List<LogWatch> watches) {
        if (watches.size() == 1) {
            return watches.get(0).getOutput();
        }
        try {
            PipedInputStream in = new PipedInputStream(64 * 1024);
            PipedOutputStream out = new PipedOutputStream(in);
            AtomicInteger open = new AtomicInteger(watches.size());
            for (int i = 0; i < watches.size(); i++) {
                String prefix = "[" + containers.get(i) + "] ";
                InputStream log = watches.get(i).getOutput();
                Thread copier = new Thread(() -> copyLines(prefix, log, out, open), "scope-k8s-logs");
                copier.setDaemon(true);
                copier.start();
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyLines(String prefix, InputStream log, OutputStream out, AtomicInteger open) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                byte[] bytes = (prefix + line + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (out) {
                    out.write(bytes);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the pipe closed or the log ended
        } finally {
            if (open.decrementAndGet() == 0) {
                try {
                    out.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
    }
}
