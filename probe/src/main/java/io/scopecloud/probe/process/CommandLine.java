package io.scopecloud.probe.process;

/**
 * A process's name and command line as Scope derives them from {@code /proc/<pid>/cmdline}: the
 * name is the first argument; the command line is the file with every NUL replaced by a space
 * (so it keeps Scope's trailing space). Kernel threads have an empty cmdline and are named
 * {@code [comm]}.
 */
public record CommandLine(String name, String cmdline) {

    /**
     * The name and command line of a process from its cmdline and comm files.
     *
     * @param cmdline the raw cmdline file (NUL-separated)
     * @param comm the raw comm file, or null if it could not be read
     */
    public static CommandLine parse(String cmdline, String comm) {
        int nul = cmdline.indexOf('\0');
        String name = nul < 0 ? cmdline : cmdline.substring(0, nul);
        String joined = cmdline.replace('\0', ' ');
        if (name.isEmpty()) {
            name = comm == null ? "(unknown)" : "[" + comm.trim() + "]";
        }
        return new CommandLine(name, joined);
    }

    /** The command line without its arguments ({@code --probe.omit.cmd-args}), like Scope's StripCommandArgs. */
    public static String stripArguments(String cmdline) {
        int space = cmdline.indexOf(' ');
        return space < 0 ? cmdline : cmdline.substring(0, space);
    }
}
