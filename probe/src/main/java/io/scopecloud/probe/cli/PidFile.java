package io.scopecloud.probe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running probe's pid, so that {@code scope stop} and {@code scope status} find it. A pid is
 * trusted only if that process still runs our main class, since pids are reused.
 */
public final class PidFile {
    static final String MAIN_CLASS = "io.scopecloud.probe.ProbeMain";

    private PidFile() {}

    public static void write(Path path, long pid) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, pid + "\n", StandardCharsets.US_ASCII);
    }

    public static Optional<Long> read(Path path) {
        try {
            return Optional.of(Long.parseLong(
                    Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live probe process named by the pid file, if any. */
    public static Optional<ProcessHandle> runningProbe(Path path) {
        return read(path)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(PidFile::isProbe);
    }

    /** Deletes the pid file if it still names {@code pid}. */
    public static void removeIfOwned(Path path, long pid) {
        if (read(path).filter(p -> p == pid).isPresent()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // best effort at exit
            }
        }
    }

    private static boolean isProbe(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return true; // cannot tell (another user's process): trust the pid file
        }
        for (String argument : arguments.get()) {
            if (argument.contains(MAIN_CLASS) || (argument.contains("probe") && argument.endsWith(".jar"))) {
                return true;
            }
        }
        return false;
    }
}
