package io.scopecloud.bench.probe;

import io.scopecloud.bench.ProcStat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of each thread of a process ({@code /proc/<pid>/task/<tid>/stat}: name, utime +
 * stime), so that a window's cost can be split between the JVM's own threads (compiler, GC, VM
 * thread), which no Java profiler samples, and the program's. Threads are grouped by name with
 * their numbers dropped ({@code GC Thread#0}, {@code pool-3-thread-1}).
 */
final class ThreadTimes {
    private final Map<Long, String> names;
    private final Map<Long, Long> ticks;

    private ThreadTimes(Map<Long, String> names, Map<Long, Long> ticks) {
        this.names = names;
        this.ticks = ticks;
    }

    static ThreadTimes of(long pid) {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        for (ProcStat.Task task : ProcStat.threads(pid)) {
            names.put(task.tid(), task.name());
            ticks.put(task.tid(), task.jiffies());
        }
        return new ThreadTimes(names, ticks);
    }

    /** Each thread group's ticks since {@code before}, largest first. */
    List<Map.Entry<String, Long>> since(ThreadTimes before) {
        Map<String, Long> byGroup = new TreeMap<>();
        ticks.forEach((tid, now) -> {
            long spent = now - before.ticks.getOrDefault(tid, 0L);
            if (spent > 0) {
                byGroup.merge(group(names.get(tid)), spent, Long::sum);
            }
        });
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byGroup.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return sorted;
    }

    /** {@code since(before)} as one line per group: percent of one core over {@code seconds}. */
    String describe(ThreadTimes before, double seconds, long clockTicks) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : since(before)) {
            out.append(String.format(
                    Locale.ROOT, "  %-28s %6.2f %%%n", e.getKey(), 100.0 * e.getValue() / clockTicks / seconds));
        }
        return out.toString();
    }

    static String group(String name) {
        return name.replaceAll("[0-9]+", "#").replaceAll("#+", "#");
    }
}
