package io.scopecloud.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run to its end (or killed at a timeout), its stdout and stderr kept together. */
record Command(int exit, String output) {

    static Command run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        return run(dir, timeout, List.of(command));
    }

    static Command run(Path dir, Duration timeout, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> drain(process.getInputStream(), output), "output of " + command.get(0));
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            pump.join(1000);
            throw new IllegalStateException(
                    "timed out after " + timeout + ": " + String.join(" ", command) + "\n" + text(output));
        }
        pump.join();
        return new Command(process.exitValue(), text(output));
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        try (in) {
            in.transferTo(into);
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }
}
