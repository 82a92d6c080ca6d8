package io.scopecloud.probe.endpoint;

/** Parses {@code /proc/net/sockstat{,6}}, whose "inuse" counts say whether a tcp table is worth reading. */
final class SockStat {
    private SockStat() {}

    /**
     * The number after {@code prefix} ({@code "TCP: inuse "} or {@code "TCP6: inuse "}), or -1
     * when the line is missing or malformed.
     */
    static long inUse(String text, String prefix) {
        int at = text.startsWith(prefix) ? 0 : text.indexOf("\n" + prefix);
        if (at < 0) {
            return -1;
        }
        int start = at == 0 ? prefix.length() : at + 1 + prefix.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(text.substring(start, end));
    }
}
