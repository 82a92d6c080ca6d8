package io.scopecloud.probe.host;

/** The fields of {@code /proc/meminfo} Scope's host memory metric uses, in bytes. */
public record MemInfo(long totalBytes, long freeBytes, long buffersBytes, long cachedBytes) {

    /** Parses {@code /proc/meminfo}; absent fields count as 0. */
    public static MemInfo parse(String text) {
        long total = 0;
        long free = 0;
        long buffers = 0;
        long cached = 0;
        for (String line : text.split("\n", -1)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            switch (key) {
                case "MemTotal" -> total = kilobytes(line, colon);
                case "MemFree" -> free = kilobytes(line, colon);
                case "Buffers" -> buffers = kilobytes(line, colon);
                case "Cached" -> cached = kilobytes(line, colon);
                default -> {}
            }
        }
        return new MemInfo(total, free, buffers, cached);
    }

    private static long kilobytes(String line, int colon) {
        String value = line.substring(colon + 1).trim();
        int space = value.indexOf(' ');
        long number = Long.parseLong(space < 0 ? value : value.substring(0, space));
        return value.endsWith("kB") ? number * 1024 : number;
    }

    /** Scope's "used" memory: total minus free, buffers and page cache. */
    public long usedBytes() {
        return totalBytes - freeBytes - buffersBytes - cachedBytes;
    }
}
