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

    /** Parses one stat file (in place: it is read for every process at every tick). */
    public static PidStat parse(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no command name in stat: " + text);
        }
        int end = text.length();
        while (end > close && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int count = RSSLIM - FIRST_AFTER_NAME + 1;
        int[] starts = new int[count];
        int[] ends = new int[count];
        int at = close + 1;
        while (at < end && text.charAt(at) == ' ') {
            at++;
        }
        for (int i = 0; i < count; i++) {
            if (at >= end) {
                throw new IllegalArgumentException("stat has too few fields: " + text);
            }
            int next = text.indexOf(' ', at);
            starts[i] = at;
            ends[i] = next < 0 || next > end ? end : next;
            at = ends[i] + 1;
        }
        return new PidStat(
                text.charAt(starts[0]),
                Integer.parseInt(text, starts[PPID - FIRST_AFTER_NAME], ends[PPID - FIRST_AFTER_NAME], 10),
                number(text, starts, ends, UTIME) + number(text, starts, ends, STIME),
                (int) number(text, starts, ends, NUM_THREADS),
                number(text, starts, ends, RSS),
                unsigned(Long.parseUnsignedLong(
                        text, starts[RSSLIM - FIRST_AFTER_NAME], ends[RSSLIM - FIRST_AFTER_NAME], 10)));
    }

    private static long number(String text, int[] starts, int[] ends, int field) {
        return Long.parseLong(text, starts[field - FIRST_AFTER_NAME], ends[field - FIRST_AFTER_NAME], 10);
    }

    private static double unsigned(long bits) {
        return bits >= 0 ? bits : (bits >>> 1) * 2.0 + (bits & 1);
    }

    /** Zombie and dead processes are skipped, as Scope does. */
    public boolean isDead() {
        return state == 'Z' || state == 'X' || state == 'x';
    }
}
