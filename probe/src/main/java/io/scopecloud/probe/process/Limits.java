package io.scopecloud.probe.process;

/** {@code /proc/<pid>/limits}: the soft open-files limit is the maximum of {@code open_files_count}. */
public final class Limits {
    private static final String MAX_OPEN_FILES = "Max open files";
    private static final long UNLIMITED = -1L; // 2^64-1 read as unsigned

    private Limits() {}

    /**
     * Returns the soft limit on open files, or 0 when the line is missing (Scope does the same).
     * "unlimited" is returned as -1, meaning 2^64-1 read unsigned.
     */
    public static long maxOpenFiles(String text) {
        int at = text.indexOf(MAX_OPEN_FILES);
        if (at < 0) {
            return 0;
        }
        String rest = text.substring(at + MAX_OPEN_FILES.length()).trim();
        int end = rest.indexOf(' ');
        String soft = end < 0 ? rest : rest.substring(0, end);
        return soft.equals("unlimited") ? UNLIMITED : Long.parseLong(soft);
    }
}
