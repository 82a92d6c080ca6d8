package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Hosts" on this machine: one network namespace per host, each with one veth ({@code eth0}) and one
 * address on a private /24, all plugged into a bridge that lives in a namespace of its own. The test
 * JVM reaches them through one more veth ({@code sccroot}) in its own namespace, as the "client"
 * host {@code .1}. No namespace has a default route, so nothing started here reaches beyond them.
 * Every name starts with {@value #PREFIX}, so {@link #cleanUpLeftovers()} finds what an aborted run
 * left behind.
 */
final class NetworkHosts implements AutoCloseable {
    static final String PREFIX = "scc-";
    static final String SUBNET = "10.231.0";
    private static final String BRIDGE_NS = PREFIX + "bridge";
    private static final String ROOT_LINK = "sccroot";

    private final Map<String, String> addresses = new LinkedHashMap<>();

    private NetworkHosts() {}

    /** Removes what an earlier run left, then creates the bridge and the test JVM's link to it. */
    static NetworkHosts create() {
        cleanUpLeftovers();
        NetworkHosts hosts = new NetworkHosts();
        try {
            Shell.run("ip", "netns", "add", BRIDGE_NS);
            Shell.run("ip", "-n", BRIDGE_NS, "link", "add", "br0", "type", "bridge");
            Shell.run("ip", "-n", BRIDGE_NS, "link", "set", "br0", "up");
            Shell.run("ip", "-n", BRIDGE_NS, "link", "set", "lo", "up");
            Shell.run("ip", "link", "add", ROOT_LINK, "type", "veth", "peer", "name", "sccrootp");
            Shell.run("ip", "link", "set", "sccrootp", "netns", BRIDGE_NS);
            Shell.run("ip", "-n", BRIDGE_NS, "link", "set", "sccrootp", "master", "br0", "up");
            Shell.run("ip", "addr", "add", SUBNET + ".1/24", "dev", ROOT_LINK);
            Shell.run("ip", "link", "set", ROOT_LINK, "up");
            return hosts;
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
    }

    /** Adds host {@code name} at {@code SUBNET.octet}; its namespace is {@link #namespace(String)}. */
    synchronized String add(String name, int octet) {
        requireNonNull(name, "name is null");
        String ns = namespace(name);
        String address = SUBNET + "." + octet;
        String outer = "scc" + octet + "o";
        String inner = "scc" + octet + "i";
        Shell.run("ip", "netns", "add", ns);
        addresses.put(name, address);
        Shell.run("ip", "link", "add", inner, "type", "veth", "peer", "name", outer);
        Shell.run("ip", "link", "set", inner, "netns", ns);
        Shell.run("ip", "link", "set", outer, "netns", BRIDGE_NS);
        Shell.run("ip", "-n", BRIDGE_NS, "link", "set", outer, "master", "br0", "up");
        Shell.run("ip", "-n", ns, "link", "set", inner, "name", "eth0");
        Shell.run("ip", "-n", ns, "addr", "add", address + "/24", "dev", "eth0");
        Shell.run("ip", "-n", ns, "link", "set", "eth0", "up");
        Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
        return address;
    }

    synchronized String address(String name) {
        String address = addresses.get(name);
        if (address == null) {
            throw new IllegalArgumentException("no host " + name);
        }
        return address;
    }

    static String namespace(String name) {
        return PREFIX + name;
    }

    /** The command prefix that runs a program on host {@code name}. */
    static List<String> exec(String name) {
        return List.of("ip", "netns", "exec", namespace(name));
    }

    /** Cuts host {@code name} off the network (its link down); {@link #linkUp} restores it. */
    void linkDown(String name) {
        Shell.run("ip", "-n", namespace(name), "link", "set", "eth0", "down");
    }

    void linkUp(String name) {
        Shell.run("ip", "-n", namespace(name), "link", "set", "eth0", "up");
    }

    /** Kills whatever still runs in our namespaces (by pid, as {@code ip netns pids} lists them) and deletes them. */
    static void cleanUpLeftovers() {
        List<String> namespaces = new ArrayList<>();
        for (String line : Shell.tryRun("ip", "netns", "list").split("\n", -1)) {
            String ns = line.strip().split("\\s+", -1)[0];
            if (ns.startsWith(PREFIX)) {
                namespaces.add(ns);
            }
        }
        for (String ns : namespaces) {
            for (String pid : Shell.tryRun("ip", "netns", "pids", ns).split("\\s+", -1)) {
                if (pid.matches("\\d+")) {
                    Shell.tryRun("kill", "-9", pid);
                }
            }
        }
        for (String ns : namespaces) {
            Shell.tryRun("ip", "netns", "del", ns);
        }
        Shell.tryRun("ip", "link", "del", ROOT_LINK);
    }

    @Override
    public void close() {
        cleanUpLeftovers();
    }
}
