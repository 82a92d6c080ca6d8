package io.scopecloud.probe.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel page size, needed to turn {@code stat}'s RSS pages into bytes. Java has no
 * {@code getpagesize()}, so it is read once from the first {@code KernelPageSize} line of
 * {@code <procRoot>/self/smaps}; 4 KiB if that cannot be read.
 */
public final class PageSize {
    static final long DEFAULT = 4096;

    private PageSize() {}

    public static long read(Path procRoot) {
        Path smaps = procRoot.resolve("self/smaps");
        try (BufferedReader in = Files.newBufferedReader(smaps, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("KernelPageSize:")) {
                    return parse(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return DEFAULT;
        }
        return DEFAULT;
    }

    /** Parses {@code "KernelPageSize:        4 kB"}. */
    static long parse(String line) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        String[] parts = value.split("\\s+", -1);
        long number = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].equals("kB") ? number * 1024 : number;
    }
}
