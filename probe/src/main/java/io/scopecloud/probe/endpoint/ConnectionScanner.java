package io.scopecloud.probe.endpoint;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.proc.ProcFileReader;
import io.scopecloud.probe.process.ProcessInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the host's TCP connections and the processes that own them, the way Scope's procspy does:
 * processes are grouped by network namespace ({@code /proc/<pid>/ns/net}); each namespace's
 * {@code net/tcp} and {@code net/tcp6} are read once through one of its processes; sockets are
 * matched to pids by {@link SocketOwners}, which reads as few {@code /proc/<pid>/fd} links as it
 * can.
 *
 * <p>What remains is the kernel's cost of listing the sockets. For the probe's own namespace (the
 * host's, normally) {@link SockDiag} asks netlink, when it is available, at about a quarter of the
 * cost of generating {@code net/tcp{,6}}, which formats a text line per socket after walking the
 * whole established-hash table.
 *
 * <p>{@link #scanIfChanged} skips the listing when it would find the same connections: every
 * namespace's {@link TcpCounters} are as they were at the last scan, which found established
 * connections only (a half-closed one can go away without moving a counter), and that scan is
 * less than {@link #MAX_SKIP_NANOS} old.
 *
 * <p>Direction: a connection whose local port is a listening port in its namespace was accepted
 * (incoming); one whose remote port is is outgoing; otherwise Scope's heuristic applies (the
 * lower port is the server's).
 *
 * <p>Called from the spy loop only, so not thread-safe.
 */
public final class ConnectionScanner {
    private static final Logger log = LoggerFactory.getLogger(ConnectionScanner.class);
    /** The longest a scan is skipped for unchanged counters, which say nothing of ownership. */
    static final long MAX_SKIP_NANOS = 15_000_000_000L;

    private final Path procRoot;
    private final boolean findOwners;
    private final ProcFileReader reader = new ProcFileReader();
    private final ProcNet parser = new ProcNet();
    private final SocketOwners owners;
    private final Map<Integer, Long> namespaceByPid = new HashMap<>();
    private final LongSupplier nanoTime;
    private SockDiag sockDiag; // null: read every namespace from /proc
    private final long ownNamespace;
    private List<ProcessInfo> groupedProcesses; // the list grouped last, by identity
    private Map<Long, List<Integer>> grouped;
    private Map<Long, TcpCounters> lastCounters; // at the last scan; null: unknown
    private boolean lastAllEstablished; // the last scan found no half-closed connection
    private long lastScanNanos;

    /**
     * @param findOwners map sockets to processes (needs root to see other users' fds); when false
     *     only the host's own namespace is read, from {@code <procRoot>/net}
     */
    public ConnectionScanner(Path procRoot, boolean findOwners) {
        this(procRoot, findOwners, null, System::nanoTime);
    }

    /**
     * @param sockDiag reads the sockets of this JVM's own network namespace, instead of its
     *     {@code net/tcp} files; null to read /proc only
     * @param nanoTime paces the fd reads and the listings
     */
    public ConnectionScanner(Path procRoot, boolean findOwners, SockDiag sockDiag, LongSupplier nanoTime) {
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.findOwners = findOwners;
        this.owners = new SocketOwners(procRoot, nanoTime);
        this.sockDiag = sockDiag;
        this.ownNamespace = sockDiag == null ? -1 : ownNamespace();
    }

    /** This JVM's network namespace inode (the one a netlink socket it opens sees), or -1. */
    private static long ownNamespace() {
        try {
            Long inode = bracketedNumber(
                    Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), "net:[");
            return inode == null ? -1 : inode;
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The own namespace's sockets through netlink, or null (then /proc is read) if that fails. */
    private List<TcpSocket> readOwnNamespace() {
        if (sockDiag == null) {
            return null;
        }
        try {
            return sockDiag.read();
        } catch (IOException | RuntimeException e) {
            log.warn("sock_diag failed ({}); reading /proc/net/tcp from now on", e.toString());
            sockDiag.close();
            sockDiag = null;
            return null;
        }
    }

    /** Scans all namespaces of the given processes. */
    public List<Connection> scan(List<ProcessInfo> processes) {
        Map<Long, List<Integer>> pidsByNamespace = groupByNamespace(processes);
        return rememberAndScan(pidsByNamespace, counters(pidsByNamespace));
    }

    /**
     * Like {@link #scan}, or null when the connections cannot have changed since the last scan
     * (see the class comment).
     */
    public List<Connection> scanIfChanged(List<ProcessInfo> processes) {
        Map<Long, List<Integer>> pidsByNamespace = groupByNamespace(processes);
        Map<Long, TcpCounters> counters = counters(pidsByNamespace);
        if (counters != null
                && counters.equals(lastCounters)
                && lastAllEstablished
                && nanoTime.getAsLong() - lastScanNanos < MAX_SKIP_NANOS) {
            return null;
        }
        return rememberAndScan(pidsByNamespace, counters);
    }

    /** Scans, remembering the counters read just before (a change meanwhile costs one more scan). */
    private List<Connection> rememberAndScan(
            Map<Long, List<Integer>> pidsByNamespace, Map<Long, TcpCounters> counters) {
        lastCounters = counters;
        lastScanNanos = nanoTime.getAsLong();
        lastAllEstablished = true;
        return scanNamespaces(pidsByNamespace);
    }

    private List<Connection> scanNamespaces(Map<Long, List<Integer>> pidsByNamespace) {
        List<Connection> result = new ArrayList<>();
        if (pidsByNamespace.isEmpty()) {
            List<TcpSocket> sockets = readOwnNamespace();
            if (sockets == null) {
                sockets = readTables(procRoot.resolve("net"));
            }
            if (sockets != null) {
                noteStates(sockets);
                orient(0, sockets, new int[sockets.size()], result);
            }
            return result;
        }
        owners.beginScan();
        for (Map.Entry<Long, List<Integer>> entry : pidsByNamespace.entrySet()) {
            scanNamespace(entry.getKey(), entry.getValue(), result);
        }
        owners.endScan();
        return result;
    }

    /**
     * Every namespace's {@link TcpCounters} (for an empty map: the own namespace's), or null when
     * one cannot be read.
     */
    private Map<Long, TcpCounters> counters(Map<Long, List<Integer>> pidsByNamespace) {
        if (pidsByNamespace.isEmpty()) {
            TcpCounters own = countersOf(procRoot.resolve("net"));
            return own == null ? null : Map.of(0L, own);
        }
        Map<Long, TcpCounters> result = new HashMap<>();
        for (Map.Entry<Long, List<Integer>> entry : pidsByNamespace.entrySet()) {
            long namespace = entry.getKey();
            TcpCounters counters = namespace == ownNamespace ? countersOf(procRoot.resolve("net")) : null;
            for (int i = 0; counters == null && i < entry.getValue().size(); i++) {
                counters = countersOf(
                        procRoot.resolve(Integer.toString(entry.getValue().get(i)))
                                .resolve("net"));
            }
            if (counters == null) {
                return null;
            }
            result.put(namespace, counters);
        }
        return result;
    }

    private TcpCounters countersOf(Path netDir) {
        try {
            return TcpCounters.parse(reader.readAscii(netDir.resolve("snmp")));
        } catch (IOException e) {
            return null;
        }
    }

    private void scanNamespace(long namespace, List<Integer> pids, List<Connection> out) {
        List<TcpSocket> sockets = namespace == ownNamespace ? readOwnNamespace() : null;
        for (int i = 0; sockets == null && i < pids.size(); i++) {
            sockets = readTables(procRoot.resolve(Integer.toString(pids.get(i))).resolve("net"));
        }
        if (sockets == null) {
            return;
        }
        noteStates(sockets);
        orient(namespace, sockets, owners.owners(namespace, sortedPids(pids), sockets), out);
    }

    private void noteStates(List<TcpSocket> sockets) {
        for (TcpSocket socket : sockets) {
            if (socket.isConnection() && socket.state() != TcpSocket.ESTABLISHED) {
                lastAllEstablished = false;
                return;
            }
        }
    }

    /**
     * Turns the sockets of one namespace into oriented connections.
     *
     * @param pidBySocket the owner of each socket, 0 when unknown
     */
    static void orient(long namespace, List<TcpSocket> sockets, int[] pidBySocket, List<Connection> out) {
        Map<Integer, Set<String>> listening = new HashMap<>(); // port -> the addresses listening on it
        for (TcpSocket socket : sockets) {
            if (socket.isListening()) {
                listening
                        .computeIfAbsent(socket.localPort(), p -> new HashSet<>())
                        .add(socket.localAddress());
            }
        }
        for (int i = 0; i < sockets.size(); i++) {
            TcpSocket socket = sockets.get(i);
            if (!socket.isConnection()) {
                continue;
            }
            int pid = pidBySocket[i];
            boolean incoming;
            if (listens(listening.get(socket.localPort()), socket.localAddress())) {
                incoming = true;
            } else if (listening.containsKey(socket.remotePort()) && !listening.containsKey(socket.localPort())) {
                incoming = false;
            } else {
                incoming = socket.localPort() < socket.remotePort();
            }
            if (incoming) {
                out.add(new Connection(
                        namespace,
                        socket.remoteAddress(),
                        socket.remotePort(),
                        0,
                        socket.localAddress(),
                        socket.localPort(),
                        pid));
            } else {
                out.add(new Connection(
                        namespace,
                        socket.localAddress(),
                        socket.localPort(),
                        pid,
                        socket.remoteAddress(),
                        socket.remotePort(),
                        0));
            }
        }
    }

    /** Whether {@code address} is among a port's listening addresses, itself or as a wildcard. */
    private static boolean listens(Set<String> addresses, String address) {
        return addresses != null
                && (addresses.contains(address) || addresses.contains("0.0.0.0") || addresses.contains("::"));
    }

    /**
     * The processes by network namespace; empty when owners are not looked for. The process list
     * changes once per publish and the spy tick comes every second, so the last grouping is kept
     * for the same list.
     */
    private Map<Long, List<Integer>> groupByNamespace(List<ProcessInfo> processes) {
        if (processes != groupedProcesses) {
            grouped = Collections.unmodifiableMap(group(processes));
            groupedProcesses = processes;
        }
        return grouped;
    }

    private Map<Long, List<Integer>> group(List<ProcessInfo> processes) {
        Map<Long, List<Integer>> result = new TreeMap<>();
        if (!findOwners) {
            return result;
        }
        Set<Integer> alive = new HashSet<>();
        for (ProcessInfo process : processes) {
            int pid = process.pid();
            alive.add(pid);
            Long namespace = namespaceByPid.get(pid);
            if (namespace == null) {
                namespace = readNamespace(pid);
                if (namespace == null) {
                    continue; // gone, or a kernel thread we may not inspect
                }
                namespaceByPid.put(pid, namespace);
            }
            result.computeIfAbsent(namespace, k -> new ArrayList<>()).add(pid);
        }
        namespaceByPid.keySet().retainAll(alive);
        owners.walked(processes);
        for (List<Integer> pids : result.values()) {
            pids.sort(null);
        }
        return result;
    }

    private Long readNamespace(int pid) {
        try {
            String link = Files.readSymbolicLink(
                            procRoot.resolve(Integer.toString(pid)).resolve("ns/net"))
                    .toString();
            return bracketedNumber(link, "net:[");
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The namespace's pids as an array, for membership tests without boxing ({@code pids} is sorted). */
    private static int[] sortedPids(List<Integer> pids) {
        int[] result = new int[pids.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = pids.get(i);
        }
        Arrays.sort(result); // already sorted by groupByNamespace; cheap insurance for binarySearch
        return result;
    }

    /**
     * Reads a namespace's {@code tcp} and {@code tcp6}. Generating either costs the kernel a walk
     * of the whole established-hash table, so a table is skipped when {@code sockstat} /
     * {@code sockstat6} (constant-time) say the namespace has no TCP socket of that family.
     */
    private List<TcpSocket> readTables(Path netDir) {
        List<TcpSocket> sockets = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        boolean any = false;
        String[][] families = {{"tcp", "sockstat", "TCP: inuse "}, {"tcp6", "sockstat6", "TCP6: inuse "}};
        for (String[] family : families) {
            if (inUse(netDir.resolve(family[1]), family[2]) == 0) {
                any = true; // the namespace exists and has no such socket
                continue;
            }
            try {
                int length = reader.readRaw(netDir.resolve(family[0]));
                parser.parse(reader.bytes(), length, seen, sockets);
                any = true;
            } catch (IOException e) {
                // tcp6 is absent when IPv6 is disabled
            }
        }
        return any ? sockets : null;
    }

    /** The socket count after {@code prefix} in a sockstat file, or -1 if it cannot be read. */
    private long inUse(Path sockstat, String prefix) {
        try {
            return SockStat.inUse(reader.readAscii(sockstat), prefix);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Parses the number in {@code prefix<digits>]}, or returns null if the text has another form. */
    static Long bracketedNumber(String text, String prefix) {
        if (!text.startsWith(prefix) || !text.endsWith("]")) {
            return null;
        }
        try {
            return Long.parseLong(text.substring(prefix.length(), text.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
