package io.scopecloud.probe.cli;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.publish.PublishListener;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * A small properties file the running probe keeps up to date (probe ID, service, last accepted
 * report, last problem), so that {@code scope launch} can say whether the first report got
 * through and {@code scope status} can say how the probe is doing. Written atomically, and only
 * when something changed or the last write is old, to stay cheap.
 */
public final class StatusFile implements PublishListener {
    private static final long REFRESH_MILLIS = 30_000;

    private final Path path;
    private final Properties properties = new Properties();
    private long lastWriteMillis;

    public StatusFile(Path path, long pid, String probeId, String serviceUrl, String version, Instant startedAt) {
        this.path = requireNonNull(path, "path is null");
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("probeId", probeId);
        properties.setProperty("serviceUrl", serviceUrl);
        properties.setProperty("version", version);
        properties.setProperty("startedAt", startedAt.toString());
        properties.setProperty("state", "starting");
    }

    public synchronized void write() {
        try {
            Files.createDirectories(path.getParent());
            StringWriter text = new StringWriter();
            properties.store(text, "Scope probe status");
            Path temp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lastWriteMillis = System.currentTimeMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public synchronized void accepted(Instant at) {
        boolean changed = !"ok".equals(properties.getProperty("state"));
        properties.setProperty("state", "ok");
        properties.setProperty("lastAccepted", at.toString());
        writeIf(changed);
    }

    @Override
    public synchronized void failed(Instant at, String problem) {
        boolean changed = !problem.equals(properties.getProperty("lastProblem"))
                || !"failing".equals(properties.getProperty("state"));
        properties.setProperty("state", "failing");
        properties.setProperty("lastProblem", problem);
        properties.setProperty("lastProblemAt", at.toString());
        writeIf(changed);
    }

    private void writeIf(boolean changed) {
        if (changed || System.currentTimeMillis() - lastWriteMillis > REFRESH_MILLIS) {
            try {
                write();
            } catch (UncheckedIOException e) {
                // status is a convenience; never let it break publishing
            }
        }
    }

    /** Reads a status file, if there is one. */
    public static Optional<Properties> read(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
