package io.scopecloud.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A "host" for install tests: a network namespace ({@value #NAMESPACE}) joined to the test JVM's
 * by one veth pair on {@value #SUBNET}.0/24 (the test JVM .1, the host .2), with no default route,
 * so what runs there reaches the test's service and nothing else. Names of its own (not the
 * cluster test's {@code scc-}), so the two tests never clean up each other's. Needs root and
 * iproute2.
 */
final class HostNamespace implements AutoCloseable {
    static final String NAMESPACE = "sci-install";
    static final String SUBNET = "10.232.0";
    static final String OUTSIDE = SUBNET + ".1";
    static final String INSIDE = SUBNET + ".2";
    private static final String LINK = "sci-install0";
    private static final String PEER = "sci-install1";
    /** By its path: a command may run with a PATH of its own. */
    private static final String IP = Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElse("ip");

    private HostNamespace() {}

    /** Removes what an aborted run left, then creates the namespace and its link. */
    static HostNamespace create() throws IOException, InterruptedException {
        cleanUp();
        HostNamespace host = new HostNamespace();
        try {
            run(true, IP, "netns", "add", NAMESPACE);
            run(true, IP, "link", "add", LINK, "type", "veth", "peer", "name", PEER);
            run(true, IP, "link", "set", PEER, "netns", NAMESPACE);
            run(true, IP, "addr", "add", OUTSIDE + "/24", "dev", LINK);
            run(true, IP, "link", "set", LINK, "up");
            run(true, IP, "-n", NAMESPACE, "link", "set", PEER, "name", "eth0");
            run(true, IP, "-n", NAMESPACE, "addr", "add", INSIDE + "/24", "dev", "eth0");
            run(true, IP, "-n", NAMESPACE, "link", "set", "eth0", "up");
            run(true, IP, "-n", NAMESPACE, "link", "set", "lo", "up");
            return host;
        } catch (IOException | InterruptedException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** {@code command} as it runs on this host. */
    static List<String> exec(List<String> command) {
        List<String> all = new ArrayList<>(List.of(IP, "netns", "exec", NAMESPACE));
        all.addAll(command);
        return all;
    }

    /** The processes running in the namespace. */
    static List<Long> pids() throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        for (String pid : run(false, IP, "netns", "pids", NAMESPACE).split("\\s+", -1)) {
            if (pid.matches("\\d+")) {
                pids.add(Long.parseLong(pid));
            }
        }
        return pids;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        cleanUp();
    }

    private static void cleanUp() throws IOException, InterruptedException {
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        run(false, IP, "netns", "del", NAMESPACE);
        run(false, IP, "link", "del", LINK);
    }

    private static String run(boolean check, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check && p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
