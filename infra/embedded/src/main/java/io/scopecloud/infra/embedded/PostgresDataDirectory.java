package io.scopecloud.infra.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a PostgreSQL data directory ready to start after whatever happened to the last run.
 *
 * <p>{@code pg_ctl start} daemonizes the server, so when the JVM that started it is killed the
 * postmaster keeps running and keeps the directory. PostgreSQL's own stale-lock check is not enough
 * here: run as root, the server sits in a user namespace where {@code kill(pid, 0)} on a live
 * orphan answers EPERM, which PostgreSQL reads as "stale", so two postmasters could share one
 * directory. So before each start, holding zonky's {@code epg-lock} (held by every live owner), we
 * stop an orphaned postmaster of this directory and drop a pid file left by an unrelated process.
 */
final class PostgresDataDirectory {
    private static final Logger log = LoggerFactory.getLogger(PostgresDataDirectory.class);

    /** The lock file zonky holds in the data directory while its server runs. */
    static final String LOCK_FILE = "epg-lock";

    static final String PID_FILE = "postmaster.pid";
    private static final Duration SMART_SHUTDOWN_WAIT = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** Who the process named in {@code postmaster.pid} is. */
    enum PidOwner {
        /** No such process: PostgreSQL handles the stale file itself (and checks shared memory). */
        DEAD,
        /** A postmaster of this very directory whose JVM is gone. */
        ORPHANED_POSTMASTER,
        /** Some other process reused the pid. */
        UNRELATED,
        /** Alive, but we may not read what it is. */
        UNKNOWN
    }

    private final Path dir;
    private final Path procRoot;

    /**
     * @param dir absolute data directory
     * @param procRoot {@code /proc} in production
     */
    PostgresDataDirectory(Path dir, Path procRoot) {
        this.dir = requireNonNull(dir, "dir is null");
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
    }

    /** Creates the directory, or repairs what a crash left in it; fails if a live process owns it. */
    void prepare() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.exists(dir.resolve("postgresql.conf"))) {
            setAsideIfNotEmpty();
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), CREATE, WRITE);
                FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IOException("PostgreSQL data directory " + dir + " is in use by another process");
            }
            recoverFromCrash();
        }
    }

    private FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL data directory " + dir + " is already in use in this JVM", e);
        }
    }

    /** An interrupted initdb leaves files but no postgresql.conf; initdb refuses a non-empty directory. */
    private void setAsideIfNotEmpty() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        Path aside = dir.resolveSibling(dir.getFileName() + ".incomplete-" + System.currentTimeMillis());
        log.warn(
                "PostgreSQL data directory {} has files but no postgresql.conf (interrupted initdb?); moved it to {}",
                dir,
                aside);
        Files.move(dir, aside);
        Files.createDirectories(dir);
    }

    private void recoverFromCrash() throws IOException {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        OptionalLong pid = postmasterPid(Files.readAllLines(pidFile, UTF_8));
        if (pid.isEmpty()) {
            log.warn("Removing unreadable {}", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        long postmaster = pid.getAsLong();
        switch (owner(postmaster)) {
            case DEAD ->
                log.info(
                        "{} names process {}, which is gone: PostgreSQL will recover from the crash",
                        pidFile,
                        postmaster);
            case ORPHANED_POSTMASTER -> stopOrphan(postmaster);
            case UNRELATED -> {
                log.warn(
                        "{} names process {}, which is not a postmaster of this directory: removing the stale file",
                        pidFile,
                        postmaster);
                Files.deleteIfExists(pidFile);
            }
            case UNKNOWN ->
                log.warn(
                        "{} names live process {}, which we may not inspect: leaving it to PostgreSQL",
                        pidFile,
                        postmaster);
        }
    }

    private void stopOrphan(long pid) throws IOException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        log.warn("An orphaned postmaster (pid {}) from an earlier run still serves {}: shutting it down", pid, dir);
        ProcessHandle process = handle.get();
        process.destroy(); // SIGTERM: smart shutdown, quick once the dead JVM's sessions are gone
        if (awaitExit(process, SMART_SHUTDOWN_WAIT)) {
            log.info("Orphaned postmaster {} stopped", pid);
            return;
        }
        log.warn("Orphaned postmaster {} ignored SIGTERM for {}; killing it", pid, SMART_SHUTDOWN_WAIT);
        process.destroyForcibly();
        if (!awaitExit(process, KILL_WAIT)) {
            throw new IOException("could not stop orphaned postmaster " + pid + " of " + dir);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) throws IOException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping postmaster " + process.pid(), e);
        } catch (ExecutionException e) {
            throw new IOException("could not wait for postmaster " + process.pid(), e);
        }
    }

    private PidOwner owner(long pid) {
        Path cmdline = procRoot.resolve(Long.toString(pid)).resolve("cmdline");
        try {
            return classify(dir, splitNulSeparated(Files.readAllBytes(cmdline)));
        } catch (NoSuchFileException e) {
            return PidOwner.DEAD;
        } catch (IOException e) {
            log.debug("Cannot read {}", cmdline, e);
            return PidOwner.UNKNOWN;
        }
    }

    static List<String> splitNulSeparated(byte[] raw) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            args.add(new String(raw, start, raw.length - start, UTF_8));
        }
        return args;
    }

    /** The first line of {@code postmaster.pid} is the postmaster's pid. */
    static OptionalLong postmasterPid(List<String> pidFileLines) {
        if (pidFileLines.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(pidFileLines.get(0).trim());
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Who a live process is, from its arguments ({@code /proc/PID/cmdline}). */
    static PidOwner classify(Path dataDir, List<String> args) {
        if (args.isEmpty() || !Path.of(args.get(0)).getFileName().toString().equals("postgres")) {
            return PidOwner.UNRELATED; // includes zombies, whose cmdline is empty
        }
        for (int i = 1; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-D") && samePath(Path.of(args.get(i + 1)), dataDir)) {
                return PidOwner.ORPHANED_POSTMASTER;
            }
        }
        return PidOwner.UNRELATED;
    }

    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
