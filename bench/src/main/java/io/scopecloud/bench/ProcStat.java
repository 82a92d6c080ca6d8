package io.scopecloud.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time from Linux's {@code /proc}: of processes (all their threads), of one process's threads (by the name the JVM
 * gives each thread), and of the whole machine (busy and idle jiffies over all cores). The benchmarks that say which
 * process or thread spent a run's CPU read it here.
 */
public final class ProcStat {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Jiffies per second of {@code /proc}'s CPU times (USER_HZ, 100 on every Linux this runs on). */
    public static final double HZ = 100.0;

    /** One thread of a process: its id, its name and its user plus system jiffies. */
    public record Task(long tid, String name, long jiffies) {}

    private ProcStat() {}

    /** User plus system jiffies of the processes; those that have gone count 0. */
    public static long jiffies(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += jiffies(pid);
        }
        return sum;
    }

    /** User plus system jiffies of one process (all its threads); 0 once it has gone. */
    public static long jiffies(long pid) {
        return statJiffies(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Every thread of the process as it is now; threads that end while they are read are left out. */
    public static List<Task> threads(long pid) {
        List<Task> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = read(task.resolve("stat"));
                if (!stat.isEmpty()) {
                    threads.add(new Task(
                            Long.parseLong(task.getFileName().toString()),
                            stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                            fields(stat, 13) + fields(stat, 14)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of process " + pid + ": " + e, e);
        }
        return threads;
    }

    /** One process's threads' jiffies by group: threads whose name starts with the same prefix are summed. */
    public static Map<String, Long> threadJiffies(long pid, List<String> prefixes) {
        Map<String, Long> groups = new TreeMap<>();
        for (Task task : threads(pid)) {
            String group = prefixes.stream()
                    .filter(task.name()::startsWith)
                    .findFirst()
                    .orElse("other");
            groups.merge(group, task.jiffies(), Long::sum);
        }
        return groups;
    }

    /** The machine's {busy, total} jiffies over all cores since boot (idle and iowait are not busy). */
    public static long[] machine() {
        String line =
                read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim();
        String[] cpu = SPACES.split(line, -1);
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }

    public static String loadAverage() {
        String[] f = SPACES.split(read(Path.of("/proc/loadavg")).trim(), -1);
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static long statJiffies(Path stat) {
        String s = read(stat);
        return s.isEmpty() ? 0 : fields(s, 13) + fields(s, 14);
    }

    /** Field {@code index} (0-based, as in proc(5) minus one) of a stat line; the name may hold spaces. */
    private static long fields(String stat, int index) {
        String[] after = SPACES.split(stat.substring(stat.lastIndexOf(')') + 2).trim(), -1);
        return Long.parseLong(after[index - 2]);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return ""; // a process or thread that has ended
        }
    }
}
