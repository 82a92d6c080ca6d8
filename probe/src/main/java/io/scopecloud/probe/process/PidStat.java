package io.scopecloud.probe.process;

/**
 * The fields of {@code /proc/<pid>/stat} Scope uses. The command name sits in parentheses and may
 * itself contain spaces and parentheses, so fields are counted from the last {@code ')'}.
 *
 * @param jiffies user plus system time
 * @param rssLimitBytes the RSS soft limit; a double because "unlimited" is 2^64-1
 */
public record PidStat(char state, int ppid, long jiffies, int threads, long rssPages, double rssLimitBytes) {

    // Field numbers from proc(5), counting from 1; the first field after the name is 3 (state).
    private static final int FIRST_AFTER_NAME = 3;
    private static final int PPID = 4;
    private static final int UTIME = 14;
    private static final int STIME = 15;
    private static final int NUM_THREADS = 20;
    private static final int RSS = 24;
    private static final int RSSLIM = 25;

    /** Parses one stat file. */
    public static PidStat parse(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no command name in stat: " + text);
        }
        String[] f = text.substring(close + 1).trim().split(" ");
        if (f.length < RSSLIM - FIRST_AFTER_NAME + 1) {
            throw new IllegalArgumentException("stat has too few fields: " + text);
        }
        return new PidStat(
                f[0].charAt(0),
                Integer.parseInt(field(f, PPID)),
                Long.parseLong(field(f, UTIME)) + Long.parseLong(field(f, STIME)),
                Integer.parseInt(field(f, NUM_THREADS)),
                Long.parseLong(field(f, RSS)),
                unsigned(field(f, RSSLIM)));
    }

    private static String field(String[] fields, int number) {
        return fields[number - FIRST_AFTER_NAME];
    }

    private static double unsigned(String value) {
        long bits = Long.parseUnsignedLong(value);
        return bits >= 0 ? bits : (bits >>> 1) * 2.0 + (bits & 1);
    }

    /** Zombie and dead processes are skipped, as Scope does. */
    public boolean isDead() {
        return state == 'Z' || state == 'X' || state == 'x';
    }
}
