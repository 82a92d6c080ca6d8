package io.scopecloud.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JVM options a launch script gives a service, read by running the script with a {@code java} of ours first on
 * the path, which prints its arguments instead of starting anything. So that what starts a service elsewhere (a
 * benchmark's JVMs) takes the options from the script that starts it in production, and tests can hold the scripts to
 * each other, instead of each keeping a copy.
 */
public final class LaunchedJvmOptions {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String FAKE_JAVA =
            """
            #!/bin/sh
            # Stands in for java: refuses options starting with $FAKE_JAVA_UNKNOWN (as an older JDK would), answers
            # a version check (with or without options before it), prints any other command's arguments one per line.
            for a in "$@"; do
                case "$a" in
                    "${FAKE_JAVA_UNKNOWN:-//}"*) echo "Unrecognized VM option '${a#-XX:}'" >&2; exit 1 ;;
                esac
                last="$a"
            done
            if [ "${last:-}" = -version ]; then
                echo 'openjdk version "17.0.0"' >&2
                exit 0
            fi
            for a in "$@"; do printf '%s\\n' "$a"; done
            """;

    private LaunchedJvmOptions() {}

    /**
     * The JVM options (everything before {@code -cp}, {@code -jar} or the main class) with which {@code script},
     * run as {@code interpreter script args...} in {@code directory} with {@code environment} added to this process's
     * own minus {@code JAVA_OPTS} and {@code SCOPE_CLOUD_HEAP}, would start Java. With {@code FAKE_JAVA_UNKNOWN} in
     * {@code environment}, the {@code java} refuses (exits 1 on) any option starting with it, as a JDK too old for the
     * option would.
     */
    public static List<String> of(
            Path directory, String interpreter, Path script, List<String> args, Map<String, String> environment)
            throws IOException, InterruptedException {
        requireNonNull(script, "script is null");
        Path bin = Files.createTempDirectory("fake-java");
        try {
            Path java = bin.resolve("java");
            Files.writeString(java, FAKE_JAVA, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
            List<String> command = new ArrayList<>(List.of(interpreter, script.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toAbsolutePath().toFile());
            Map<String, String> env = builder.environment();
            env.remove("JAVA_OPTS");
            env.remove("SCOPE_CLOUD_HEAP");
            env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.putAll(environment);
            Path errors = bin.resolve("stderr");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(script + " did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IOException(script + " " + args + " exited " + process.exitValue() + ":\n" + output
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return jvmOptions(output.lines().toList(), script);
        } finally {
            try (var files = Files.list(bin)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(bin);
        }
    }

    private static List<String> jvmOptions(List<String> arguments, Path script) throws IOException {
        List<String> options = new ArrayList<>();
        for (String a : arguments) {
            if (a.equals("-cp") || a.equals("-jar") || !a.startsWith("-")) {
                return options;
            }
            options.add(a);
        }
        throw new IOException(script + " printed no java command line: " + arguments);
    }
}
