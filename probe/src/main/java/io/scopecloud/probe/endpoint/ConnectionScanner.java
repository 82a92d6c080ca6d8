package io.scopecloud.probe.endpoint;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.proc.ProcFileReader;
import io.scopecloud.probe.process.ProcessInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the host's TCP connections and the processes that own them, the way Scope's procspy does:
 * processes are grouped by network namespace ({@code /proc/<pid>/ns/net}); each namespace's
 * {@code net/tcp} and {@code net/tcp6} are read once through one of its processes; socket inodes
 * are matched to pids through the {@code socket:[inode]} links in {@code /proc/<pid>/fd}.
 *
 * <p>Reading every fd link of every process each second would be the expensive part, so the
 * inode to pid map is kept between scans and a namespace's fds are re-read only when one of its
 * connections has an inode the last scan did not see (sockets no process owns are remembered
 * too, so they do not force a re-read every tick). What remains is the kernel's cost of
 * generating {@code net/tcp{,6}}: it walks the whole established-hash table, a few milliseconds
 * per file on a large host whatever the number of connections.
 *
 * <p>Direction: a connection whose local port is a listening port in its namespace was accepted
 * (incoming); one whose remote port is is outgoing; otherwise Scope's heuristic applies (the
 * lower port is the server's).
 *
 * <p>Called from the spy loop only, so not thread-safe.
 */
public final class ConnectionScanner {
    private final Path procRoot;
    private final boolean findOwners;
    private final ProcFileReader reader = new ProcFileReader();
    private final StringBuilder tables = new StringBuilder();
    private Map<Long, Integer> ownerByInode = new HashMap<>();
    private Set<Long> unowned = new HashSet<>();
    private final Map<Integer, Long> namespaceByPid = new HashMap<>();
    private final Set<Integer> socketOwners = new HashSet<>(); // pids seen holding a socket
    private final Set<Integer> fdsRead = new HashSet<>(); // pids whose fds were read at least once

    /**
     * @param findOwners map sockets to processes (needs root to see other users' fds); when false
     *     only the host's own namespace is read, from {@code <procRoot>/net}
     */
    public ConnectionScanner(Path procRoot, boolean findOwners) {
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.findOwners = findOwners;
    }

    /** Scans all namespaces of the given processes. */
    public List<Connection> scan(List<ProcessInfo> processes) {
        List<Connection> result = new ArrayList<>();
        if (!findOwners || processes.isEmpty()) {
            List<TcpSocket> sockets = readTables(procRoot.resolve("net"));
            if (sockets != null) {
                orient(0, sockets, Map.of(), result);
            }
            return result;
        }
        Map<Long, List<Integer>> pidsByNamespace = groupByNamespace(processes);
        Map<Long, Integer> owners = new HashMap<>(ownerByInode.size() * 2 + 16);
        Set<Long> nowUnowned = new HashSet<>();
        for (Map.Entry<Long, List<Integer>> entry : pidsByNamespace.entrySet()) {
            scanNamespace(entry.getKey(), entry.getValue(), owners, nowUnowned, result);
        }
        ownerByInode = owners;
        unowned = nowUnowned;
        return result;
    }

    private void scanNamespace(
            long namespace, List<Integer> pids, Map<Long, Integer> owners, Set<Long> nowUnowned, List<Connection> out) {
        List<TcpSocket> sockets = null;
        for (int pid : pids) {
            sockets = readTables(procRoot.resolve(Integer.toString(pid)).resolve("net"));
            if (sockets != null) {
                break;
            }
        }
        if (sockets == null) {
            return;
        }
        Set<Integer> members = new HashSet<>(pids);
        boolean complete = true;
        for (TcpSocket socket : sockets) {
            if (!socket.isConnection()) {
                continue;
            }
            Integer owner = ownerByInode.get(socket.inode());
            boolean known = owner == null ? unowned.contains(socket.inode()) : members.contains(owner);
            if (!known) {
                complete = false;
                break;
            }
        }
        Map<Long, Integer> namespaceOwners;
        if (complete) {
            namespaceOwners = ownerByInode;
        } else {
            Set<Long> wanted = new HashSet<>();
            for (TcpSocket socket : sockets) {
                if (socket.isConnection()) {
                    wanted.add(socket.inode());
                }
            }
            namespaceOwners = readSocketOwners(pids, wanted);
        }
        for (TcpSocket socket : sockets) {
            if (!socket.isConnection()) {
                continue;
            }
            Integer owner = namespaceOwners.get(socket.inode());
            if (owner != null) {
                owners.put(socket.inode(), owner);
            } else {
                nowUnowned.add(socket.inode()); // orphaned, or a process we may not inspect: no rescan for it
            }
        }
        orient(namespace, sockets, owners, out);
    }

    /** Turns the sockets of one namespace into oriented connections. */
    static void orient(long namespace, List<TcpSocket> sockets, Map<Long, Integer> owners, List<Connection> out) {
        Set<Integer> listeningPorts = new HashSet<>();
        Set<String> listeningAddresses = new HashSet<>();
        for (TcpSocket socket : sockets) {
            if (socket.isListening()) {
                listeningPorts.add(socket.localPort());
                listeningAddresses.add(socket.localAddress() + "|" + socket.localPort());
            }
        }
        for (TcpSocket socket : sockets) {
            if (!socket.isConnection()) {
                continue;
            }
            int pid = owners.getOrDefault(socket.inode(), 0);
            boolean incoming;
            if (listens(listeningAddresses, socket.localAddress(), socket.localPort())) {
                incoming = true;
            } else if (listeningPorts.contains(socket.remotePort()) && !listeningPorts.contains(socket.localPort())) {
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

    private static boolean listens(Set<String> listening, String address, int port) {
        if (listening.contains(address + "|" + port)
                || listening.contains("0.0.0.0|" + port)
                || listening.contains("::|" + port)) {
            return true;
        }
        return false;
    }

    private Map<Long, List<Integer>> groupByNamespace(List<ProcessInfo> processes) {
        Map<Long, List<Integer>> result = new TreeMap<>();
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
        socketOwners.retainAll(alive);
        fdsRead.retainAll(alive);
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

    /**
     * Reads fd links to find the owners of {@code wanted} inodes: first those of processes known to
     * hold sockets and of processes not read before, and only if that leaves some inode unowned,
     * the others. Most processes hold no socket, so on a host whose connections churn this reads a
     * fraction of all fds. Within a pass the lowest pid wins a shared socket.
     */
    private Map<Long, Integer> readSocketOwners(List<Integer> pids, Set<Long> wanted) {
        Map<Long, Integer> result = new HashMap<>();
        List<Integer> likely = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int pid : pids) {
            (socketOwners.contains(pid) || !fdsRead.contains(pid) ? likely : others).add(pid);
        }
        readFds(likely, result);
        if (!result.keySet().containsAll(wanted)) {
            readFds(others, result);
        }
        return result;
    }

    private void readFds(List<Integer> pids, Map<Long, Integer> result) {
        for (int pid : pids) { // ascending, so putIfAbsent keeps the lowest pid
            Path fdDir = procRoot.resolve(Integer.toString(pid)).resolve("fd");
            String[] fds = fdDir.toFile().list();
            if (fds == null) {
                continue;
            }
            boolean holdsSocket = false;
            for (String fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fdDir.resolve(fd)).toString();
                    Long inode = bracketedNumber(target, "socket:[");
                    if (inode != null) {
                        result.putIfAbsent(inode, pid);
                        holdsSocket = true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile
                }
            }
            fdsRead.add(pid);
            if (holdsSocket) {
                socketOwners.add(pid);
            } else {
                socketOwners.remove(pid);
            }
        }
    }

    /**
     * Reads a namespace's {@code tcp} and {@code tcp6}. Generating either costs the kernel a walk
     * of the whole established-hash table, so a table is skipped when {@code sockstat} /
     * {@code sockstat6} (constant-time) say the namespace has no TCP socket of that family.
     */
    private List<TcpSocket> readTables(Path netDir) {
        tables.setLength(0);
        boolean any = false;
        String[][] families = {{"tcp", "sockstat", "TCP: inuse "}, {"tcp6", "sockstat6", "TCP6: inuse "}};
        for (String[] family : families) {
            if (inUse(netDir.resolve(family[1]), family[2]) == 0) {
                any = true; // the namespace exists and has no such socket
                continue;
            }
            try {
                tables.append(reader.readAscii(netDir.resolve(family[0]))).append('\n');
                any = true;
            } catch (IOException e) {
                // tcp6 is absent when IPv6 is disabled
            }
        }
        return any ? ProcNet.parse(tables.toString()) : null;
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
