package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.proc.ProcFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IPv4 addresses a container holds in its own network namespace, read from
 * {@code /proc/<pid>/net/fib_trie} (the kernel's local routes: every {@code /32 host LOCAL}
 * entry), leaving out loopback. Scope reads them over netlink inside the namespace; this needs no
 * {@code setns}, only the proc root. A container in the host's namespace (same {@code ns/net} as
 * pid 1) has none of its own.
 */
public final class NamespaceAddresses {
    private final Path procRoot;
    private final ProcFileReader reader = new ProcFileReader();

    public NamespaceAddresses(Path procRoot) {
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
    }

    /** The addresses of {@code pid}'s namespace; empty if it is the host's or cannot be read. */
    List<String> read(int pid) {
        if (pid <= 0) {
            return List.of();
        }
        Path dir = procRoot.resolve(Integer.toString(pid));
        try {
            Path own = Files.readSymbolicLink(dir.resolve("ns/net"));
            Path host = Files.readSymbolicLink(procRoot.resolve("1/ns/net"));
            if (own.equals(host)) {
                return List.of();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // fixture trees and restricted procs: read the table anyway
        }
        try {
            return parseFibTrie(reader.readAscii(dir.resolve("net/fib_trie")));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Pure: the non-loopback {@code /32 host LOCAL} addresses of a {@code fib_trie} text. */
    static List<String> parseFibTrie(String text) {
        Set<String> result = new LinkedHashSet<>();
        String last = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.trim();
            if (line.startsWith("|-- ")) {
                last = line.substring(4).trim();
            } else if (line.startsWith("/32 host LOCAL") && last != null) {
                if (!last.startsWith("127.")) {
                    result.add(last);
                }
            } else if (line.startsWith("+--")) {
                last = null;
            }
        }
        return new ArrayList<>(result);
    }
}
