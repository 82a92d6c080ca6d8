package io.scopecloud.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The podman command line, as root (.ci/setup-podman configures it). */
final class Podman {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Podman() {}

    static Command run(String... args) throws IOException, InterruptedException {
        return run(List.of(args));
    }

    static Command run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(args);
        return Command.run(Path.of("."), TIMEOUT, command);
    }

    /** Runs it and fails the test with its output unless it exits 0; returns the output trimmed. */
    static String ok(String... args) throws IOException, InterruptedException {
        Command result = run(args);
        assertThat(result.exit())
                .as("podman " + String.join(" ", args) + "\n" + result.output())
                .isZero();
        return result.output().trim();
    }

    /** Removes containers and a network whatever state they are in (an aborted run's too). */
    static void remove(String network, String... containers) throws IOException, InterruptedException {
        for (String container : containers) {
            run("rm", "--force", "--time", "2", container);
        }
        run("network", "rm", "--force", network);
    }

    /** Runs the image's HEALTHCHECK (podman runs none on its own without systemd) until it passes. */
    static void awaitHealthy(String container, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Command check;
        do {
            Thread.sleep(2000);
            String state = ok("inspect", "--format", "{{.State.Status}}", container);
            if (!state.equals("running")) {
                throw new AssertionError(container + " is " + state + ":\n"
                        + run("logs", container).output());
            }
            check = run("healthcheck", "run", container);
        } while (check.exit() != 0 && System.nanoTime() < deadline);
        assertThat(check.exit())
                .as(container + " not healthy within " + timeout + ":\n"
                        + run("logs", container).output())
                .isZero();
    }
}
