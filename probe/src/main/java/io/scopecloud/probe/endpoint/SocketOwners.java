package io.scopecloud.probe.endpoint;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.process.ProcessInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Which process holds each connection's socket, from the {@code socket:[inode]} links in
 * {@code /proc/<pid>/fd}, reading as few links as it can: a server with 10,000 connections has
 * 10,000 of them, and reading every link at every tick was once most of the probe's cost.
 *
 * <ul>
 *   <li>Owners are kept from scan to scan while they live in the socket's namespace.
 *   <li>A socket with no known owner is looked for cheapest process first (never read, then
 *       known socket holders, then the rest, each by its number of fds), stopping once every such
 *       socket is found, at most every {@link #FD_RESCAN_NANOS}; in between only processes never
 *       read before are read. A socket no process holds is remembered as unowned, so it does not
 *       force a read at every tick.
 *   <li>Every {@link #OWNER_REFRESH_NANOS}, the processes whose number of open files changed since
 *       their fds were read (the process walk counts them) are read again: what they hold now
 *       replaces what they held, so a socket passed to another process follows it, and one that
 *       its owner closed is looked for again.
 *   <li>Every {@link #FULL_REFRESH_NANOS}, every owner is looked up again, every link read, for
 *       what a count cannot show (a socket received and another fd closed between two walks).
 * </ul>
 *
 * <p>Between full looks, a process read before has only its new links read: {@link FdLinks}.
 *
 * <p>One scan is {@link #beginScan()}, {@link #owners} for each namespace, {@link #endScan()}. Not
 * thread-safe (the spy loop's).
 */
final class SocketOwners {
    /**
     * The least time between two looks for unknown sockets' owners in a namespace: on a busy host
     * some connection is new at almost every tick. Meanwhile a new connection of a process read
     * before is reported without its pid.
     */
    static final long FD_RESCAN_NANOS = 5_000_000_000L;
    /** How often processes whose number of open files changed are read again. */
    static final long OWNER_REFRESH_NANOS = 60_000_000_000L;
    /** How often every owner is looked up again. */
    static final long FULL_REFRESH_NANOS = 600_000_000_000L;

    private final Path procRoot;
    private final LongSupplier nanoTime;
    private InodeOwners ownerByInode = new InodeOwners(16);
    private Set<Long> unowned = new HashSet<>();
    private InodeOwners nextOwners;
    private Set<Long> nextUnowned;
    private Map<Integer, Integer> walkedFdCounts = Map.of(); // pid -> open files at the last walk
    private final Map<Integer, FdLinks> fdLinks = new HashMap<>(); // pid -> its fds when last read
    private final Map<Long, Long> lastRescan = new HashMap<>(); // namespace -> nanoTime
    private final Map<Long, Long> lastRefresh = new HashMap<>();
    private final Map<Long, Long> lastFullRefresh = new HashMap<>();

    SocketOwners(Path procRoot, LongSupplier nanoTime) {
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** Takes a process walk: each process's number of open files; processes gone are forgotten. */
    void walked(List<ProcessInfo> processes) {
        Map<Integer, Integer> counts = new HashMap<>(processes.size() * 2);
        for (ProcessInfo process : processes) {
            counts.put(process.pid(), process.openFiles());
        }
        walkedFdCounts = counts;
        fdLinks.keySet().retainAll(counts.keySet());
    }

    void beginScan() {
        nextOwners = new InodeOwners(ownerByInode.size() + 16);
        nextUnowned = new HashSet<>();
    }

    /**
     * The owner of each of a namespace's sockets, 0 when unknown (and for listening sockets).
     *
     * @param members the namespace's pids, sorted
     */
    int[] owners(long namespace, int[] members, List<TcpSocket> sockets) {
        int count = sockets.size();
        int[] known = new int[count]; // the owners of the last scan that still live in the namespace
        for (int i = 0; i < count; i++) {
            TcpSocket socket = sockets.get(i);
            if (socket.isConnection()) {
                int owner = ownerByInode.get(socket.inode());
                known[i] = owner != 0 && Arrays.binarySearch(members, owner) >= 0 ? owner : 0;
            }
        }
        Reads reads = read(namespace, members, sockets, known);
        for (int i = 0; i < count; i++) {
            TcpSocket socket = sockets.get(i);
            if (!socket.isConnection()) {
                continue;
            }
            long inode = socket.inode();
            int owner = reads.ownerOf(inode, known[i]);
            known[i] = owner;
            if (owner != 0) {
                nextOwners.put(inode, owner);
            } else if (!reads.deferred || unowned.contains(inode)) {
                nextUnowned.add(inode); // orphaned, or a process we may not inspect: no read for it
            }
        }
        return known;
    }

    void endScan() {
        ownerByInode = nextOwners;
        unowned = nextUnowned;
        nextOwners = null;
        nextUnowned = null;
    }

    /** The fd reads this scan of the namespace needs; see the class comment. */
    private Reads read(long namespace, int[] members, List<TcpSocket> sockets, int[] known) {
        Reads reads = new Reads(sockets);
        long now = nanoTime.getAsLong();
        if (due(lastFullRefresh, namespace, now, FULL_REFRESH_NANOS)) {
            Set<Long> all = new HashSet<>();
            for (TcpSocket socket : sockets) {
                if (socket.isConnection()) {
                    all.add(socket.inode());
                }
            }
            reads.full = true; // every link read again, none trusted from the last read
            readUntilFound(members, all, reads.current, reads);
            lastFullRefresh.put(namespace, now);
            lastRefresh.put(namespace, now);
            lastRescan.put(namespace, now);
            return reads;
        }
        if (due(lastRefresh, namespace, now, OWNER_REFRESH_NANOS)) {
            for (int pid : members) {
                FdLinks read = fdLinks.get(pid);
                if (read != null && !Integer.valueOf(read.count()).equals(walkedFdCounts.get(pid))) {
                    readFds(pid, reads.current, Set.of(), reads);
                }
            }
            lastRefresh.put(namespace, now);
        }
        Set<Long> wanted = new HashSet<>();
        for (int i = 0; i < sockets.size(); i++) {
            TcpSocket socket = sockets.get(i);
            if (socket.isConnection()
                    && reads.ownerOf(socket.inode(), known[i]) == 0
                    && !unowned.contains(socket.inode())) { // known to have none: not looked for again
                wanted.add(socket.inode());
            }
        }
        if (wanted.isEmpty()) {
            return reads;
        }
        if (due(lastRescan, namespace, now, FD_RESCAN_NANOS)) {
            readUntilFound(members, wanted, reads.found, reads);
            lastRescan.put(namespace, now);
        } else {
            for (int pid : members) {
                if (!fdLinks.containsKey(pid)) {
                    readFds(pid, reads.found, Set.of(), reads);
                }
            }
            reads.deferred = true; // the sockets still unknown wait for the next look, not marked unowned
        }
        return reads;
    }

    /**
     * Reads fd links, cheapest process first, until every {@code wanted} inode is found; processes
     * read in this scan already are not read again.
     */
    private void readUntilFound(int[] members, Set<Long> wanted, Map<Long, Integer> into, Reads reads) {
        List<Integer> order = new ArrayList<>(members.length);
        for (int pid : members) {
            if (!reads.read.contains(pid)) {
                order.add(pid);
            }
        }
        order.sort(Comparator.comparingLong(this::readCost)); // stable: ascending pids within a group
        int missing = wanted.size();
        for (int i = 0; i < order.size() && missing > 0; i++) {
            missing -= readFds(order.get(i), into, wanted, reads);
        }
    }

    /** The order of {@link #readUntilFound}: unread, then socket holders, then others; by fd count. */
    private long readCost(int pid) {
        FdLinks links = fdLinks.get(pid);
        if (links == null) {
            return -1;
        }
        return links.holdsSocket() ? links.count() : (1L << 32) + links.count();
    }

    /**
     * Reads one process's fds into {@code into} (see {@link FdLinks} for the links not read
     * again); returns how many {@code wanted} inodes it found. A socket two processes hold stays
     * with its known owner, else goes to the one read first.
     */
    private int readFds(int pid, Map<Long, Integer> into, Set<Long> wanted, Reads reads) {
        reads.read.add(pid);
        Path fdDir = procRoot.resolve(Integer.toString(pid)).resolve("fd");
        String[] names = fdDir.toFile().list();
        if (names == null) {
            return 0;
        }
        FdLinks before = reads.full ? null : fdLinks.get(pid);
        int[] fds = new int[names.length];
        long[] inodes = new long[names.length];
        int count = 0;
        int found = 0;
        for (String name : names) {
            int fd = parseFd(name);
            if (fd < 0) {
                continue;
            }
            long inode = before == null ? -1 : before.socketAt(fd);
            if (inode <= 0 || !reads.isOpen(inode)) {
                inode = readSocketLink(fdDir.resolve(name));
                if (inode < 0) {
                    continue; // closed meanwhile
                }
            }
            fds[count] = fd;
            inodes[count++] = inode;
            if (inode > 0) {
                Integer earlier = into.putIfAbsent(inode, pid);
                if (earlier == null) {
                    found += wanted.contains(inode) ? 1 : 0;
                } else if (ownerByInode.get(inode) == pid) {
                    into.put(inode, pid);
                }
            }
        }
        fdLinks.put(pid, new FdLinks(fds, inodes, count));
        return found;
    }

    /** The socket inode an fd link names, 0 for anything else, -1 when the fd is gone. */
    private static long readSocketLink(Path link) {
        try {
            Long inode = ConnectionScanner.bracketedNumber(
                    Files.readSymbolicLink(link).toString(), "socket:[");
            return inode == null ? 0 : inode;
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static int parseFd(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a namespace's last read (of {@code times}) is at least {@code interval} ago, or never was. */
    private static boolean due(Map<Long, Long> times, long namespace, long now, long interval) {
        Long last = times.get(namespace);
        return last == null || now - last >= interval;
    }

    /** What one scan read of a namespace's fds. */
    private static final class Reads {
        /** From the refreshes (processes whose fds changed, or all): they take sockets over. */
        final Map<Long, Integer> current = new HashMap<>();
        /** From looking for sockets with no owner: they fill gaps, known owners stay. */
        final Map<Long, Integer> found = new HashMap<>();
        /** Every process read in this scan: a known owner read now holds only what it was found holding. */
        final Set<Integer> read = new HashSet<>();

        private final List<TcpSocket> sockets;
        private InodeOwners open; // the namespace's sockets, as a set; made at the first question
        boolean full;
        boolean deferred;

        Reads(List<TcpSocket> sockets) {
            this.sockets = sockets;
        }

        /** The owner of {@code inode} after these reads, given its known owner (0: none). */
        int ownerOf(long inode, int known) {
            Integer now = current.get(inode);
            if (now != null) {
                return now;
            }
            if (known != 0 && !read.contains(known)) {
                return known;
            }
            return found.getOrDefault(inode, 0);
        }

        /** Whether the namespace's listing has this socket. */
        boolean isOpen(long inode) {
            if (open == null) {
                open = new InodeOwners(sockets.size());
                for (TcpSocket socket : sockets) {
                    open.put(socket.inode(), 1);
                }
            }
            return open.get(inode) != 0;
        }
    }
}
