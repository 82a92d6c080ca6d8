package io.scopecloud.probe.process;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.proc.ProcFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Walks the numeric directories of a proc root and reads each process. Command lines and limits
 * rarely change, so like Scope's walker it caches them per pid for a minute; everything else is
 * read on every walk. Processes that vanish mid-read are skipped.
 *
 * <p>Called from the spy loop only, so not thread-safe.
 */
public final class ProcessWalker {
    static final long CACHE_NANOS = 60_000_000_000L;

    private final Path procRoot;
    private final long pageSize;
    private final LongSupplier nanoTime;
    private final ProcFileReader reader = new ProcFileReader();
    private final Map<Integer, Cached<CommandLine>> commandLines = new HashMap<>();
    private final Map<Integer, Cached<Long>> openFileLimits = new HashMap<>();
    private final boolean fdSizeIsCount;

    public ProcessWalker(Path procRoot, long pageSize, LongSupplier nanoTime) {
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
        }
        this.pageSize = pageSize;
        this.fdSizeIsCount = fdSizeIsCount(procRoot);
    }

    /**
     * Since Linux 6.2, {@code stat} on {@code /proc/<pid>/fd} reports the number of open files as
     * the directory's size, one syscall instead of listing the directory. Trusted on a real procfs
     * whose own {@code self/fd} has a size (earlier kernels say 0 for every process, and this JVM
     * has files open); then a size of 0 means no files (kernel threads), not "unknown".
     */
    private static boolean fdSizeIsCount(Path root) {
        try {
            return Files.getFileStore(root).type().equals("proc")
                    && Files.readAttributes(root.resolve("self/fd"), BasicFileAttributes.class)
                                    .size()
                            > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private int openFiles(Path fdDir) {
        if (fdSizeIsCount) {
            try {
                return (int)
                        Files.readAttributes(fdDir, BasicFileAttributes.class).size();
            } catch (IOException e) {
                return -1;
            }
        }
        String[] fds = fdDir.toFile().list();
        return fds == null ? -1 : fds.length;
    }

    /** Reads every live process; the list is in directory order. */
    public List<ProcessInfo> walk() throws IOException {
        String[] names = procRoot.toFile().list();
        if (names == null) {
            throw new IOException("cannot list " + procRoot);
        }
        long now = nanoTime.getAsLong();
        List<ProcessInfo> result = new ArrayList<>(names.length);
        Set<Integer> seen = new HashSet<>();
        for (String name : names) {
            int pid = parsePid(name);
            if (pid <= 0) {
                continue;
            }
            ProcessInfo info = read(pid, name, now);
            if (info != null) {
                result.add(info);
                seen.add(pid);
            }
        }
        commandLines.keySet().retainAll(seen);
        openFileLimits.keySet().retainAll(seen);
        return result;
    }

    private ProcessInfo read(int pid, String name, long now) {
        Path dir = procRoot.resolve(name);
        try {
            PidStat stat = PidStat.parse(reader.readAscii(dir.resolve("stat")));
            if (stat.isDead()) {
                return null;
            }
            int openFiles = openFiles(dir.resolve("fd"));
            if (openFiles < 0) {
                return null; // gone, or not ours to read
            }
            long openFilesLimit = cached(
                    openFileLimits, pid, now, () -> Limits.maxOpenFiles(reader.readAscii(dir.resolve("limits"))));
            CommandLine commandLine = cached(commandLines, pid, now, () -> readCommandLine(dir));
            return new ProcessInfo(
                    pid,
                    stat.ppid(),
                    commandLine.name(),
                    commandLine.cmdline(),
                    stat.threads(),
                    stat.jiffies(),
                    stat.rssPages() * pageSize,
                    stat.rssLimitBytes(),
                    openFiles,
                    openFilesLimit);
        } catch (IOException | RuntimeException e) {
            return null; // the process exited while we read it, or the file was malformed
        }
    }

    private CommandLine readCommandLine(Path dir) throws IOException {
        String cmdline = reader.readUtf8(dir.resolve("cmdline"));
        String comm = null;
        if (cmdline.isEmpty() || cmdline.charAt(0) == '\0') {
            try {
                comm = reader.readUtf8(dir.resolve("comm"));
            } catch (IOException e) {
                comm = null;
            }
        }
        return CommandLine.parse(cmdline, comm);
    }

    private <T> T cached(Map<Integer, Cached<T>> cache, int pid, long now, IoSupplier<T> load) throws IOException {
        Cached<T> entry = cache.get(pid);
        if (entry != null && now - entry.readAt < CACHE_NANOS) {
            return entry.value;
        }
        T value = load.get();
        cache.put(pid, new Cached<>(value, now));
        return value;
    }

    static int parsePid(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return -1;
        }
        int pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    private record Cached<T>(T value, long readAt) {}

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
