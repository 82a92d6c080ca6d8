package io.scopecloud.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time from Linux's {@code /proc}: of processes (all their threads), of one process's threads grouped by what
 * they are (by the name the JVM gives each thread), and of the whole machine (busy and idle jiffies over all cores).
 */
final class ProcessCpu {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Jiffies per second of {@code /proc}'s CPU times (USER_HZ, 100 on every Linux this runs on). */
    static final double HZ = 100.0;

    private ProcessCpu() {}

    /** User plus system jiffies of the processes; those that have gone count 0. */
    static long jiffies(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += statJiffies(Path.of("/proc", Long.toString(pid), "stat"));
        }
        return sum;
    }

    /** One process's threads' jiffies by group: threads whose name starts with the same prefix are summed. */
    static Map<String, Long> threadJiffies(long pid, List<String> prefixes) {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = read(task.resolve("stat"));
                if (stat.isEmpty()) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String group =
                        prefixes.stream().filter(name::startsWith).findFirst().orElse("other");
                groups.merge(group, fields(stat, 13) + fields(stat, 14), Long::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of process " + pid + ": " + e, e);
        }
        return groups;
    }

    /** The machine's {busy, total} jiffies over all cores since boot (idle and iowait are not busy). */
    static long[] machine() {
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

    static String loadAverage() {
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
