package io.scopecloud.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the child JVMs: this test's own, except that our modules' snapshot jars in the
 * local Maven repository are copied first. Those are replaced whenever anyone on the machine
 * installs another build, and a service restarted mid-test must run the code it started with.
 */
final class Classpath {
    private static String value;

    private Classpath() {}

    static synchronized String get() {
        if (value == null) {
            value = snapshot(Path.of(System.getProperty("scopecloud.test.work", "target/it-work"))
                    .resolve("cluster-classpath")
                    .toAbsolutePath());
        }
        return value;
    }

    private static String snapshot(Path dir) {
        try {
            Files.createDirectories(dir);
            List<String> entries = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
                Path path = Path.of(entry);
                if (entry.endsWith(".jar") && entry.contains("/io/scopecloud/") && Files.isRegularFile(path)) {
                    Path copy = dir.resolve(path.getFileName());
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the test's classpath", e);
        }
    }
}
