package io.scopecloud.probe.host;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat} (in jiffies) and the number of {@code cpuN}
 * lines. Two readings give the host's CPU usage and the denominator for per-process CPU usage.
 */
public record CpuTimes(
        long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal, int cpuCount) {

    /** A reading before any reading: differences against it are the averages since boot. */
    public static final CpuTimes ZERO = new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Parses the whole of {@code /proc/stat}. */
    public static CpuTimes parse(String text) {
        CpuTimes total = null;
        int cpus = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.startsWith("cpu ", start)) {
                total = parseCpuLine(text.substring(start, end));
            } else if (text.startsWith("cpu", start)) {
                cpus++;
            } else if (total != null) {
                break; // the cpu lines come first
            }
            start = end + 1;
        }
        if (total == null) {
            throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
        }
        return new CpuTimes(
                total.user,
                total.nice,
                total.system,
                total.idle,
                total.iowait,
                total.irq,
                total.softirq,
                total.steal,
                cpus);
    }

    private static CpuTimes parseCpuLine(String line) {
        String[] f = line.trim().split("\\s+", -1);
        if (f.length < 8) {
            throw new IllegalArgumentException("short cpu line: " + line);
        }
        return new CpuTimes(
                Long.parseLong(f[1]),
                Long.parseLong(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Long.parseLong(f[5]),
                Long.parseLong(f[6]),
                Long.parseLong(f[7]),
                f.length > 8 ? Long.parseLong(f[8]) : 0,
                0);
    }

    /** Jiffies spent idle, counting I/O wait as idle the way Scope does. */
    public long idleTotal() {
        return idle + iowait;
    }

    /** Jiffies spent doing anything but idling. */
    public long busyTotal() {
        return user + nice + system + irq + softirq + steal;
    }

    /** All jiffies, the denominator of Scope's per-process CPU percentage. */
    public long total() {
        return idleTotal() + busyTotal();
    }

    /**
     * Percentage of time the CPUs were busy between {@code previous} and this reading, or
     * {@code NaN} if no time passed.
     */
    public double usagePercentSince(CpuTimes previous) {
        long totalDelta = total() - previous.total();
        long idleDelta = idleTotal() - previous.idleTotal();
        if (totalDelta <= 0) {
            return Double.NaN;
        }
        return (totalDelta - idleDelta) * 100.0 / totalDelta;
    }
}
